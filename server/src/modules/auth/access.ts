import type { FastifyReply, FastifyRequest } from 'fastify';
import { can, type Permission } from '@contracts/permissions';
import type { App } from '../../platform/http/server';
import '../../platform/http/request-context';
import { SESSION_COOKIE } from '../../platform/context';
import type { Db } from '../../platform/db/client';
import { AppError, forbidden, unauthorized } from '../../platform/errors';
import { findPrincipal } from './session.repository';

/**
 * Who may call a route: nobody needs to be logged in ('public'), any logged-in principal
 * ('authenticated'), or a principal whose role holds the permission (contracts/permissions.ts).
 */
export type Access = 'public' | 'authenticated' | Permission;

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
    /** Allowed while the user must still change the first-login password. */
    allowPendingPasswordChange?: boolean;
  }
}


export function tokenOf(req: FastifyRequest): string | null {
  const header = req.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice(7).trim() || null;
  return req.cookies?.[SESSION_COOKIE] ?? null;
}

/**
 * Installs access control. Every /api route must declare `config.access`, checked at
 * registration so that a route cannot be added without a decision about who may call it.
 */
export function installAccessControl(app: App, db: Db) {
  app.decorateRequest('principal', null);
  app.addHook('onRoute', (route) => {
    const url = route.url ?? '';
    if (url.startsWith('/api/v1') && !route.config?.access) {
      throw new Error(`route ${route.method} ${url} declares no access (config.access)`);
    }
  });
  // onRequest, before body validation: an unauthorised caller learns nothing about the schema.
  app.addHook('onRequest', async (req: FastifyRequest, _reply: FastifyReply) => {
    const access = req.routeOptions.config?.access;
    if (!access || access === 'public') return;
    const token = tokenOf(req);
    const principal = token ? await findPrincipal(db, token) : null;
    if (!principal) throw unauthorized();
    req.principal = principal;
    if (principal.mustChangePassword && !req.routeOptions.config?.allowPendingPasswordChange) {
      throw new AppError(403, 'password_change_required', 'Change your password before continuing');
    }
    if (access !== 'authenticated' && !can(principal.role, access)) throw forbidden();
  });
}
