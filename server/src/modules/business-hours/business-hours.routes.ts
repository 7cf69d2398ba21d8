import { z } from 'zod';
import { idParams, listQuerySchema, page, errorResponses } from '@contracts/http';
import { businessHoursInputSchema, businessHoursPatchSchema, businessHoursSchema } from '@contracts/business-hours';
import type { App } from '../../platform/http/server';
import type { Deps } from '../../platform/context';
import { ctxOf } from '../../platform/http/request-context';
import { presentBusinessHours } from './business-hours.presenter';
import * as service from './business-hours.service';

const tags = ['business hours'];
const errors = errorResponses(400, 401, 403, 404, 409);

export function registerBusinessHoursRoutes(app: App, deps: Deps) {
  // Channel and group forms list the schedules, like every other configuration list.
  app.get('/api/v1/business-hours', {
    config: { access: 'workspace.read' },
    schema: {
      tags,
      querystring: listQuerySchema.extend({
        q: z.string().trim().max(80).optional(),
        status: z.enum(['active', 'inactive']).optional(),
      }),
      response: { 200: page(businessHoursSchema), ...errors },
    },
    handler: async (req) => {
      const ctx = ctxOf(req, deps);
      const r = await service.listBusinessHours(ctx, req.query);
      return { items: r.items.map((row) => presentBusinessHours(row, ctx.now())), nextCursor: r.nextCursor };
    },
  });

  app.post('/api/v1/business-hours', {
    config: { access: 'businessHours.manage' },
    schema: {
      tags,
      description:
        '`weekly`: intervals per weekday (`sun`…`sat`, `HH:MM`, end may be `24:00`, no overlaps; empty = closed). `holidays`: `{ date, name, intervals }` — no intervals = closed all day, otherwise the hours of that day.',
      body: businessHoursInputSchema,
      response: { 201: businessHoursSchema, ...errors },
    },
    handler: async (req, reply) => {
      const ctx = ctxOf(req, deps);
      return reply.code(201).send(presentBusinessHours(await service.createBusinessHours(ctx, req.body), ctx.now()));
    },
  });

  app.get('/api/v1/business-hours/:id', {
    config: { access: 'workspace.read' },
    schema: { tags, params: idParams, response: { 200: businessHoursSchema, ...errors } },
    handler: async (req) => {
      const ctx = ctxOf(req, deps);
      return presentBusinessHours(await service.getBusinessHoursOrFail(ctx, req.params.id), ctx.now());
    },
  });

  app.patch('/api/v1/business-hours/:id', {
    config: { access: 'businessHours.manage' },
    schema: {
      tags,
      description: 'The weekdays sent in `weekly` replace theirs (the others are kept); `holidays`, when sent, replaces the list.',
      params: idParams,
      body: businessHoursPatchSchema,
      response: { 200: businessHoursSchema, ...errors },
    },
    handler: async (req) => {
      const ctx = ctxOf(req, deps);
      return presentBusinessHours(await service.updateBusinessHours(ctx, req.params.id, req.body), ctx.now());
    },
  });

  for (const [action, status] of [['deactivate', 'inactive'], ['activate', 'active']] as const) {
    app.post(`/api/v1/business-hours/:id/${action}`, {
      config: { access: 'businessHours.manage' },
      schema: { tags, params: idParams, response: { 200: businessHoursSchema, ...errors } },
      handler: async (req) => {
        const ctx = ctxOf(req, deps);
        return presentBusinessHours(await service.setBusinessHoursStatus(ctx, req.params.id, status), ctx.now());
      },
    });
  }
}
