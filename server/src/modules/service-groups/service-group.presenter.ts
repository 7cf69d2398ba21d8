import { serviceGroupSettingsSchema, serviceGroupTimersSchema } from '@contracts/serving';
import type { ServiceGroup } from './service-group.input';
import type { ServiceGroupRow } from './service-group.repository';

/** A group with its members and transfer targets; settings and timers with every default filled. */
export type ServiceGroupRecord = ServiceGroupRow & { agentIds: string[]; transferGroupIds: string[] };

export function withDefaults(row: ServiceGroupRow): ServiceGroupRow {
  // Rows written before a setting existed lack it: the schema's default is its value.
  return { ...row, settings: serviceGroupSettingsSchema.parse(row.settings ?? {}), timers: serviceGroupTimersSchema.parse(row.timers ?? {}) };
}

export function presentServiceGroup(g: ServiceGroupRecord): ServiceGroup {
  return {
    id: g.id,
    name: g.name,
    operationId: g.operationId,
    strategy: g.strategy,
    settings: g.settings,
    timers: g.timers,
    agentIds: g.agentIds,
    transferGroupIds: g.transferGroupIds,
    surveyId: g.surveyId,
    surveyRequired: g.surveyRequired,
    classificationId: g.classificationId,
    classificationRequired: g.classificationRequired,
    status: g.status,
    createdAt: g.createdAt.toISOString(),
    updatedAt: g.updatedAt.toISOString(),
  };
}
