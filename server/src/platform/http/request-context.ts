import type { FastifyRequest } from 'fastify';
import type { Ctx, Deps, Principal } from '../context';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by access control for every non-public route. */
    principal: Principal | null;
  }
}

/** The use-case context of a request. */
export function ctxOf(req: FastifyRequest, deps: Deps): Ctx {
  const p = req.principal;
  return {
    db: deps.db,
    secrets: deps.secrets,
    log: req.log,
    workspaceId: p?.workspaceId ?? '',
    actor: p,
    ip: req.ip ?? null,
    userAgent: (req.headers['user-agent'] as string | undefined) ?? null,
    now: () => new Date(),
  };
}
