import { and, asc, eq, gt, or, sql } from 'drizzle-orm';
import type { Ctx } from '../../platform/context';
import type { Executor } from '../../platform/db/client';
import { decodeCursor, pageOf } from '../../platform/db/pagination';
import { AppError, notFound, validationFailed } from '../../platform/errors';
import { recordAudit } from '../../modules/audit';
import { ChannelSendError } from '../channel-adapter';
import { credentialsOf, graphJson } from './whatsapp.graph';
import { findWhatsappChannel, type WhatsappChannelRow } from './whatsapp.repository';
import { whatsappTemplates } from './whatsapp.schema';
import type { TemplateInput } from './whatsapp.templates.input';

export type TemplateRow = typeof whatsappTemplates.$inferSelect;

async function channelWithCredentials(db: Executor, ctx: Ctx, channelId: string) {
  const channel = await findWhatsappChannel(db, ctx.workspaceId, channelId);
  if (!channel) throw notFound('Channel');
  const credentials = credentialsOf(ctx, channel);
  if (!credentials) throw validationFailed([{ path: 'credentials', message: 'the channel has no WhatsApp credentials' }]);
  return { channel, credentials };
}

/** Meta refused or could not be reached: the admin sees Meta's reason. */
function providerError(err: unknown): never {
  if (err instanceof ChannelSendError) {
    throw new AppError(502, 'provider_error', `WhatsApp answered: ${err.title}`, [{ path: 'provider', message: `${err.code}: ${err.title}` }]);
  }
  throw err;
}

export async function listTemplates(ctx: Ctx, channelId: string, q: { limit: number; cursor?: string; status?: string }) {
  const channel = await findWhatsappChannel(ctx.db, ctx.workspaceId, channelId);
  if (!channel) throw notFound('Channel');
  const after = decodeCursor<[string, string]>(q.cursor, 2);
  const t = whatsappTemplates;
  const rows = await ctx.db
    .select()
    .from(t)
    .where(
      and(
        eq(t.workspaceId, ctx.workspaceId),
        eq(t.channelId, channelId),
        q.status ? eq(t.status, q.status) : undefined,
        after ? or(gt(t.name, after[0]), and(eq(t.name, after[0]), gt(t.id, after[1]))) : undefined,
      ),
    )
    .orderBy(asc(t.name), asc(t.id))
    .limit(q.limit + 1);
  return pageOf(rows, q.limit, (r) => [r.name, r.id]);
}

/** Meta's component shape for what the admin wrote (examples travel with their variables). */
function toMetaComponents(input: TemplateInput) {
  const c = input.components;
  const out: Record<string, unknown>[] = [];
  if (c.header) {
    out.push({ type: 'HEADER', format: 'TEXT', text: c.header.text, ...(c.header.example ? { example: { header_text: [c.header.example] } } : {}) });
  }
  out.push({ type: 'BODY', text: c.body.text, ...(c.body.examples?.length ? { example: { body_text: [c.body.examples] } } : {}) });
  if (c.footer) out.push({ type: 'FOOTER', text: c.footer.text });
  if (c.buttons?.length) out.push({ type: 'BUTTONS', buttons: c.buttons });
  return out;
}

export async function createTemplate(ctx: Ctx, channelId: string, input: TemplateInput) {
  const { channel, credentials } = await channelWithCredentials(ctx.db, ctx, channelId);
  const components = toMetaComponents(input);
  const [existing] = await ctx.db
    .select({ id: whatsappTemplates.id })
    .from(whatsappTemplates)
    .where(and(eq(whatsappTemplates.workspaceId, ctx.workspaceId), eq(whatsappTemplates.channelId, channelId), eq(whatsappTemplates.name, input.name), eq(whatsappTemplates.language, input.language)));
  if (existing) throw new AppError(409, 'conflict', 'A template with this name and language exists', [{ path: 'name', message: 'already exists' }]);
  // Meta first: a template it refuses is never stored as if it were pending.
  const created = await graphJson<{ id?: string; status?: string; category?: string }>(credentials, `${credentials.wabaId}/message_templates`, {
    json: { name: input.name, language: input.language, category: input.category, allow_category_change: true, components },
  }).catch(providerError);
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(whatsappTemplates)
      .values({
        workspaceId: ctx.workspaceId,
        channelId: channel.id,
        externalId: created.id ?? null,
        name: input.name,
        language: input.language,
        category: (created.category as TemplateRow['category']) ?? input.category,
        status: created.status ?? 'PENDING',
        components,
      })
      .returning();
    await recordAudit(tx, ctx, { action: 'whatsapp_template.created', entityType: 'channel', entityId: channel.id, changes: { name: input.name, language: input.language } });
    return row;
  });
}

interface MetaTemplate {
  id: string;
  name: string;
  language: string;
  category: string;
  status: string;
  rejected_reason?: string;
  components?: Record<string, unknown>[];
}

/** Pulls every page of the WABA's templates and upserts them (name + language is the key). */
export async function syncTemplates(ctx: Ctx, channelId: string) {
  const { channel, credentials } = await channelWithCredentials(ctx.db, ctx, channelId);
  const all: MetaTemplate[] = [];
  let next: string | null = `${credentials.wabaId}/message_templates?limit=100`;
  for (let pages = 0; next && pages < 100; pages++) {
    const page: { data?: MetaTemplate[]; paging?: { next?: string } } = await graphJson<{ data?: MetaTemplate[]; paging?: { next?: string } }>(
      credentials,
      next,
    ).catch(providerError);
    all.push(...(page.data ?? []));
    next = page.paging?.next ?? null;
  }
  return ctx.db.transaction(async (tx) => {
    for (const m of all) await upsertFromMeta(tx, channel, m);
    await recordAudit(tx, ctx, { action: 'whatsapp_template.synced', entityType: 'channel', entityId: channel.id, changes: { count: all.length } });
    return { synced: all.length };
  });
}

const CATEGORIES = ['MARKETING', 'UTILITY', 'AUTHENTICATION'] as const;

async function upsertFromMeta(tx: Executor, channel: WhatsappChannelRow, m: MetaTemplate) {
  const category = (CATEGORIES as readonly string[]).includes(m.category) ? (m.category as TemplateRow['category']) : 'UTILITY';
  const values = {
    externalId: String(m.id),
    category,
    status: m.status,
    rejectedReason: m.rejected_reason && m.rejected_reason !== 'NONE' ? m.rejected_reason : null,
    components: m.components ?? [],
    updatedAt: sql`now()`,
  };
  await tx
    .insert(whatsappTemplates)
    .values({ workspaceId: channel.workspaceId, channelId: channel.id, name: m.name, language: m.language, ...values, updatedAt: undefined })
    .onConflictDoUpdate({ target: [whatsappTemplates.workspaceId, whatsappTemplates.channelId, whatsappTemplates.name, whatsappTemplates.language], set: values });
}

/** `message_template_status_update` (protocols.md §1.9): status and reason follow Meta's. */
export async function applyTemplateStatus(tx: Executor, channel: WhatsappChannelRow, p: Record<string, unknown>) {
  const t = whatsappTemplates;
  const event = String(p.event ?? '');
  if (!event) return;
  const reason = typeof p.reason === 'string' && p.reason !== 'NONE' ? p.reason : null;
  const byId = eq(t.externalId, String(p.message_template_id));
  const byName = and(eq(t.name, String(p.message_template_name ?? '')), eq(t.language, String(p.message_template_language ?? '').replace('-', '_')));
  await tx
    .update(t)
    .set({ status: event, rejectedReason: event === 'REJECTED' ? reason : null, updatedAt: sql`now()` })
    .where(and(eq(t.workspaceId, channel.workspaceId), eq(t.channelId, channel.id), or(byId, byName)));
}

