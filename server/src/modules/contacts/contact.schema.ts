import { sql } from 'drizzle-orm';
import { index, integer, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, updatedAt } from '../../platform/db/columns';
import { workspaces } from '../workspaces/workspace.schema';
import { channels } from '../channels/channel.schema';
import { users } from '../users/user.schema';

/** The customer (CONT-1, basic fields for now; the full record comes with "Contacts at scale"). */
export const contacts = pgTable(
  'contacts',
  {
    id: id(),
    workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id),
    displayName: text('display_name').notNull(),
    /** E.164 */
    phone: text('phone'),
    email: text('email'),
    priority: integer('priority').notNull().default(0),
    status: text('status', { enum: ['active', 'inactive'] }).notNull().default('active'),
    /** CONT-1: the agent who owns this customer; ROUTE-3 sends priority contacts to them. */
    walletAgentId: uuid('wallet_agent_id').references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('contacts_workspace_name_idx').on(t.workspaceId, t.displayName),
    index('contacts_workspace_phone_idx').on(t.workspaceId, t.phone),
    index('contacts_workspace_email_idx').on(t.workspaceId, sql`lower(${t.email})`),
  ],
);

/** How a channel knows the contact (web chat visitor id, WhatsApp wa_id …): CONT-6. */
export const contactIdentities = pgTable(
  'contact_identities',
  {
    id: id(),
    workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id),
    channelId: uuid('channel_id').notNull().references(() => channels.id),
    externalId: text('external_id').notNull(),
    contactId: uuid('contact_id').notNull().references(() => contacts.id),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('contact_identities_channel_external_uq').on(t.workspaceId, t.channelId, t.externalId),
    index('contact_identities_contact_idx').on(t.workspaceId, t.contactId),
  ],
);
