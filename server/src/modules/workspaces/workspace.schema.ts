import { pgTable, text } from 'drizzle-orm/pg-core';
import { createdAt, id, updatedAt } from '../../platform/db/columns';

export const workspaces = pgTable('workspaces', {
  id: id(),
  name: text('name').notNull(),
  timeZone: text('time_zone').notNull().default('America/Sao_Paulo'),
  locale: text('locale').notNull().default('pt-BR'),
  status: text('status', { enum: ['active', 'inactive'] }).notNull().default('active'),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});
