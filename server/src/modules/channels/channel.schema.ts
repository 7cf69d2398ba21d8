import { sql } from 'drizzle-orm';
import { index, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { ChannelSettings, ChannelType } from '@contracts/serving';
import { createdAt, id, updatedAt } from '../../platform/db/columns';
import { workspaces } from '../workspaces/workspace.schema';
import { serviceGroups } from '../service-groups/service-group.schema';

export const channels = pgTable(
  'channels',
  {
    id: id(),
    workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id),
    type: text('type').$type<ChannelType>().notNull(),
    name: text('name').notNull(),
    /** Where new conversations of this channel queue. */
    serviceGroupId: uuid('service_group_id').notNull().references(() => serviceGroups.id),
    settings: jsonb('settings').$type<ChannelSettings>().notNull(),
    /** Provider credentials, sealed with SECRET_KEY (JSON inside); never returned. */
    credentialsSealed: text('credentials_sealed'),
    /**
     * The provider's id for this endpoint, readable for routing webhooks (WhatsApp:
     * phone_number_id). Unique among active channels of a type, across workspaces.
     */
    externalKey: text('external_key'),
    status: text('status', { enum: ['active', 'inactive'] }).notNull().default('active'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('channels_workspace_idx').on(t.workspaceId, t.status, t.type),
    // Webhooks arrive for a provider id, before the workspace is known.
    uniqueIndex('channels_external_key_uq').on(t.type, t.externalKey).where(sql`${t.externalKey} is not null and ${t.status} = 'active'`),
  ],
);
