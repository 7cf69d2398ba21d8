import { and, asc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { idParams, errorResponses } from '@contracts/http';
import type { App } from '../../platform/http/server';
import type { Deps } from '../../platform/context';
import type { Ctx } from '../../platform/context';
import { isUniqueViolation } from '../../platform/db/unique';
import { conflict, notFound } from '../../platform/errors';
import { ctxOf } from '../../platform/http/request-context';
import { recordAudit } from '../audit';
import { contactAttributes } from './contact.schema';

/** CONT-2: the catalogue of extra contact fields (an inactive one keeps its values but takes no new ones). */
const attributeInput = z.object({
  name: z.string().trim().min(1, 'required').max(60),
  description: z.string().trim().max(300).nullish(),
  status: z.enum(['active', 'inactive']).optional(),
});
const attributeSchema = z.object({ id: z.string(), name: z.string(), description: z.string().nullable(), status: z.enum(['active', 'inactive']) });
const present = (a: typeof contactAttributes.$inferSelect) => ({ id: a.id, name: a.name, description: a.description, status: a.status });
const tags = ['contacts'];
const errors = errorResponses(400, 401, 403, 404, 409);

async function save(ctx: Ctx, input: Partial<z.infer<typeof attributeInput>>, id: string | null) {
  try {
    return await ctx.db.transaction(async (tx) => {
      const values = { ...input, ...(input.description !== undefined ? { description: input.description || null } : {}) };
      const [row] = id
        ? await tx.update(contactAttributes).set({ ...values, updatedAt: sql`now()` }).where(and(eq(contactAttributes.workspaceId, ctx.workspaceId), eq(contactAttributes.id, id))).returning()
        : await tx.insert(contactAttributes).values({ workspaceId: ctx.workspaceId, name: input.name!, ...values }).returning();
      if (!row) throw notFound('Contact attribute');
      await recordAudit(tx, ctx, { action: id ? 'contact_attribute.updated' : 'contact_attribute.created', entityType: 'contact_attribute', entityId: row.id, changes: values });
      return present(row);
    });
  } catch (err) {
    if (isUniqueViolation(err, 'contact_attributes_workspace_name_uq')) throw conflict('An attribute with this name exists', [{ path: 'name', message: 'already exists' }]);
    throw err;
  }
}

export function registerContactAttributeRoutes(app: App, deps: Deps) {
  app.get('/api/v1/contact-attributes', {
    config: { access: 'contacts.read' },
    schema: { tags, querystring: z.object({ status: z.enum(['active', 'inactive']).optional() }), response: { 200: z.object({ items: z.array(attributeSchema) }), ...errors } },
    handler: async (req) => {
      const ctx = ctxOf(req, deps);
      const rows = await ctx.db
        .select()
        .from(contactAttributes)
        .where(and(eq(contactAttributes.workspaceId, ctx.workspaceId), req.query.status ? eq(contactAttributes.status, req.query.status) : undefined))
        .orderBy(asc(contactAttributes.name));
      return { items: rows.map(present) };
    },
  });
  app.post('/api/v1/contact-attributes', {
    config: { access: 'contactAttributes.manage' },
    schema: { tags, body: attributeInput, response: { 201: attributeSchema, ...errors } },
    handler: async (req, reply) => reply.code(201).send(await save(ctxOf(req, deps), req.body, null)),
  });
  app.patch('/api/v1/contact-attributes/:id', {
    config: { access: 'contactAttributes.manage' },
    schema: { tags, params: idParams, body: attributeInput.partial(), response: { 200: attributeSchema, ...errors } },
    handler: async (req) => save(ctxOf(req, deps), req.body, req.params.id),
  });
}
