import { z } from 'zod';
import { uuidString } from '@contracts/http';
import { serviceGroupSettingsSchema, serviceGroupTimersSchema, strategySchema } from '@contracts/serving';
import { patchSchemaOf } from './settings-patch';

const ids = z.array(uuidString).max(500);

/** Body of POST /service-groups; PATCH takes any subset of it (settings and timers merge). */
export const serviceGroupInputSchema = z.object({
  name: z.string().trim().min(1, 'required').max(120),
  operationId: uuidString.nullable().optional(),
  strategy: strategySchema.optional(),
  settings: patchSchemaOf(serviceGroupSettingsSchema).optional(),
  timers: patchSchemaOf(serviceGroupTimersSchema).optional(),
  agentIds: ids.optional(),
  transferGroupIds: ids.optional(),
  surveyId: uuidString.nullable().optional(),
  surveyRequired: z.boolean().optional(),
  classificationId: uuidString.nullable().optional(),
  classificationRequired: z.boolean().optional(),
});
export type ServiceGroupInput = z.infer<typeof serviceGroupInputSchema>;

export const serviceGroupPatchSchema = serviceGroupInputSchema.partial();
export type ServiceGroupPatch = z.infer<typeof serviceGroupPatchSchema>;

export const serviceGroupSchema = z.object({
  id: z.string(),
  name: z.string(),
  operationId: z.string().nullable(),
  strategy: strategySchema,
  settings: serviceGroupSettingsSchema,
  timers: serviceGroupTimersSchema,
  agentIds: z.array(z.string()),
  transferGroupIds: z.array(z.string()),
  surveyId: z.string().nullable(),
  surveyRequired: z.boolean(),
  classificationId: z.string().nullable(),
  classificationRequired: z.boolean(),
  status: z.enum(['active', 'inactive']),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ServiceGroup = z.infer<typeof serviceGroupSchema>;
