import { index, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, ts } from '../../platform/db/columns';
import { workspaces } from '../../modules/workspaces/workspace.schema';
import { channels } from '../../modules/channels/channel.schema';
import { contacts } from '../../modules/contacts/contact.schema';

/** A browser that opened the widget: its secret token (hashed) maps to a contact. */
export const webchatVisitors = pgTable(
  'webchat_visitors',
  {
    id: id(),
    workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id),
    channelId: uuid('channel_id').notNull().references(() => channels.id),
    contactId: uuid('contact_id').notNull().references(() => contacts.id),
    tokenHash: text('token_hash').notNull(),
    createdAt: createdAt(),
    lastSeenAt: ts('last_seen_at'),
  },
  (t) => [
    uniqueIndex('webchat_visitors_token_uq').on(t.tokenHash),
    index('webchat_visitors_contact_idx').on(t.workspaceId, t.contactId),
  ],
);
