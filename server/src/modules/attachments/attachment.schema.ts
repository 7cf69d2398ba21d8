import { bigint, index, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id } from '../../platform/db/columns';
import { workspaces } from '../workspaces/workspace.schema';

/** A stored file (CHAN-7): type sniffed from the bytes, content kept by the storage interface. */
export const attachments = pgTable(
  'attachments',
  {
    id: id(),
    workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id),
    /** Who uploaded: an agent (user id) or a customer (contact id). */
    uploadedByUserId: uuid('uploaded_by_user_id'),
    uploadedByContactId: uuid('uploaded_by_contact_id'),
    fileName: text('file_name').notNull(),
    mimeType: text('mime_type').notNull(),
    size: bigint('size', { mode: 'number' }).notNull(),
    sha256: text('sha256').notNull(),
    storageKey: text('storage_key').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('attachments_workspace_idx').on(t.workspaceId, t.createdAt)],
);
