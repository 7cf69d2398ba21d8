import { z } from 'zod';
import { errorSchema } from '@contracts/http';
import type { App } from '../../platform/http/server';
import type { Deps } from '../../platform/context';
import { ctxOf } from '../../platform/http/request-context';
import { overview } from './supervision.service';

const overviewSchema = z.object({
  groups: z.array(z.object({ id: z.string(), name: z.string(), queued: z.number(), longestWaitSeconds: z.number(), active: z.number(), agentsOnline: z.number(), agentsPaused: z.number() })),
  agents: z.array(
    z.object({
      id: z.string(), displayName: z.string(), presence: z.enum(['online', 'offline']), pausedUntil: z.string().nullable(), pauseReasonName: z.string().nullable(),
      activeCount: z.number(), maxConversations: z.number(), serviceGroupIds: z.array(z.string()), lastQueueAssignmentAt: z.string().nullable(),
    }),
  ),
  generatedAt: z.string(),
});

export function registerSupervisionRoutes(app: App, deps: Deps) {
  app.get('/api/v1/supervision/overview', {
    config: { access: 'supervision.view' },
    schema: { tags: ['supervision'], response: { 200: overviewSchema, 401: errorSchema, 403: errorSchema } },
    handler: async (req) => overview(ctxOf(req, deps)),
  });
}
