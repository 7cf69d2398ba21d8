import { z } from 'zod';
import { uuidString, errorResponses } from '@contracts/http';
import type { App } from '../../platform/http/server';
import type { Deps } from '../../platform/context';
import { ctxOf } from '../../platform/http/request-context';
import * as agents from './agent-state.service';

const stateSchema = z.object({
  presence: z.enum(['online', 'offline']),
  pausedUntil: z.string().nullable(),
  pauseReasonId: z.string().nullable(),
  activeCount: z.number(),
  maxConversations: z.number(),
});
const tags = ['agent'];
const errors = errorResponses(400, 401, 403, 409);

/** The agent's own state: presence (online/offline) and pauses (ROUTE-7). */
export function registerRoutingRoutes(app: App, deps: Deps) {
  app.get('/api/v1/me/agent-state', {
    config: { access: 'serving.use' },
    schema: { tags, response: { 200: stateSchema, ...errors } },
    handler: async (req) => agents.getAgentState(ctxOf(req, deps)),
  });

  app.put('/api/v1/me/presence', {
    config: { access: 'serving.use' },
    schema: { tags, body: z.object({ status: z.enum(['online', 'offline']) }), response: { 200: stateSchema, ...errors } },
    handler: async (req) => agents.setPresence(ctxOf(req, deps), req.body.status),
  });

  app.post('/api/v1/me/pause', {
    config: { access: 'serving.use' },
    schema: { tags, body: z.object({ reasonId: uuidString.optional() }).default({}), response: { 200: stateSchema, ...errors } },
    handler: async (req) => agents.pause(ctxOf(req, deps), deps, req.body?.reasonId),
  });

  app.delete('/api/v1/me/pause', {
    config: { access: 'serving.use' },
    schema: { tags, response: { 200: stateSchema, ...errors } },
    handler: async (req) => agents.resume(ctxOf(req, deps), deps),
  });
}
