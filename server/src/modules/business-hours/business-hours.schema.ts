import { sql } from 'drizzle-orm';
import { index, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { Holiday, WeeklySchedule } from '@contracts/business-hours';
import { createdAt, id, updatedAt } from '../../platform/db/columns';
import { workspaces } from '../workspaces/workspace.schema';

/**
 * ROUTE-5: when a channel or a service group is open, in the schedule's own time zone (a
 * company may serve another region than the one its workspace lives in).
 */
export const businessHours = pgTable(
  'business_hours',
  {
    id: id(),
    workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id),
    name: text('name').notNull(),
    timeZone: text('time_zone').notNull().default('America/Sao_Paulo'),
    weekly: jsonb('weekly').$type<WeeklySchedule>().notNull(),
    holidays: jsonb('holidays').$type<Holiday[]>().notNull().default(sql`'[]'::jsonb`),
    status: text('status', { enum: ['active', 'inactive'] }).notNull().default('active'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('business_hours_workspace_idx').on(t.workspaceId, t.status, t.name),
    uniqueIndex('business_hours_workspace_name_uq').on(t.workspaceId, sql`lower(${t.name})`),
  ],
);
