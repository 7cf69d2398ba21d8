import { z } from 'zod';
import { errorSchema, listQuerySchema, page } from '@contracts/http';
import type { App } from '../../platform/http/server';
import type { Deps } from '../../platform/context';
import { ctxOf } from '../../platform/http/request-context';
import { listAudit } from './audit.service';

const entrySchema = z.object({
  id: z.string(),
  action: z.string(),
  entityType: z.string().nullable(),
  entityId: z.string().nullable(),
  actorUserId: z.string().nullable(),
  actorCredentialId: z.string().nullable(),
  actorLabel: z.string().nullable(),
  changes: z.record(z.string(), z.unknown()).nullable(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  createdAt: z.string(),
});

export function registerAuditRoutes(app: App, deps: Deps) {
  app.get('/api/v1/audit-log', {
    config: { access: 'audit.read' },
    schema: {
      tags: ['audit'],
      querystring: listQuerySchema.extend({
        action: z.string().max(80).optional(),
        entityId: z.string().max(80).optional(),
      }),
      response: { 200: page(entrySchema), 401: errorSchema, 403: errorSchema },
    },
    handler: async (req) => {
      const r = await listAudit(ctxOf(req, deps), req.query);
      return {
        items: r.items.map((e) => ({ ...e, id: String(e.id), createdAt: e.createdAt.toISOString() })),
        nextCursor: r.nextCursor,
      };
    },
  });
}
