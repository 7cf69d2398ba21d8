import { createHmac } from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../test/test-server';
import { waitFor } from '../../../test/wait-for';
import { conversations, messages } from '../../modules/conversations';
import { orderedId } from './whatsapp.event-writer';
import { whatsappEvents } from './whatsapp.schema';
import { whatsappWorkspace } from './whatsapp.test-helpers';

/** What the hot path does in bulk: shared inserts of concurrent webhooks, statuses in one go, ids in arrival order. */

let s: TestServer;
let w: Awaited<ReturnType<typeof whatsappWorkspace>>;
beforeAll(async () => {
  s = await startTestServer();
  w = await whatsappWorkspace(s);
});

function post(body: string) {
  const sig = `sha256=${createHmac('sha256', w.creds.appSecret).update(body).digest('hex')}`;
  return s.atende.http!.inject({ method: 'POST', url: '/webhooks/whatsapp', payload: body, headers: { 'content-type': 'application/json', 'x-hub-signature-256': sig } });
}
const envelope = (value: Record<string, unknown>) =>
  JSON.stringify({ object: 'whatsapp_business_account', entry: [{ id: 'W', changes: [{ field: 'messages', value: { messaging_product: 'whatsapp', metadata: { display_phone_number: '1', phone_number_id: w.creds.phoneNumberId }, ...value } }] }] });
const texts = (waId: string, list: { id: string; body: string }[], at = Math.floor(Date.now() / 1000)) =>
  envelope({
    contacts: [{ profile: { name: 'Cliente' }, wa_id: waId }],
    messages: list.map((m) => ({ from: waId, id: m.id, timestamp: String(at), type: 'text', text: { body: m.body } })),
  });
const stored = (ids: string[]) => s.atende.db.select().from(messages).where(and(eq(messages.channelId, w.channelId), inArray(messages.externalId, ids)));

describe('concurrent webhooks', () => {
  it('share inserts: each new message is stored and counted once, a redelivery in flight with it answers received 0', async () => {
    const ids = Array.from({ length: 30 }, (_, i) => `wamid.CONC${i}`);
    const bodies = ids.map((id, i) => texts(`55119800000${String(i % 10).padStart(2, '0')}`, [{ id, body: `mensagem ${i}` }]));
    // Every fifth one is delivered twice at the same time, as Meta's retries can be.
    const all = [...bodies, ...bodies.filter((_, i) => i % 5 === 0)];
    const answers = await Promise.all(all.map(post));
    expect(answers.every((a) => a.statusCode === 200)).toBe(true);
    expect(answers.reduce((n, a) => n + (a.json() as { received: number }).received, 0)).toBe(ids.length);
    const rows = await waitFor(async () => {
      const r = await stored(ids);
      return r.length === ids.length ? r : null;
    });
    expect(new Set(rows.map((r) => r.externalId)).size).toBe(ids.length);
    const events = await s.atende.db.select().from(whatsappEvents).where(and(eq(whatsappEvents.channelId, w.channelId), inArray(whatsappEvents.eventKey, ids)));
    expect(events).toHaveLength(ids.length);
  });

  it('several messages of one notification are taken in the order Meta listed them', async () => {
    // Same second: only the order of processing tells them apart; the last one is the preview.
    const list = ['primeira', 'segunda', 'terceira', 'quarta', 'quinta'].map((body, i) => ({ id: `wamid.ORDER${i}`, body }));
    expect((await post(texts('5511970000001', list))).statusCode).toBe(200);
    const rows = await waitFor(async () => {
      const r = await stored(list.map((m) => m.id));
      return r.length === list.length ? r : null;
    });
    const [c] = await s.atende.db.select().from(conversations).where(eq(conversations.id, rows[0].conversationId));
    expect(c.lastMessagePreview).toBe('quinta');
    expect(c.unreadCount).toBeGreaterThanOrEqual(5);
    const events = await s.atende.db.select().from(whatsappEvents).where(inArray(whatsappEvents.eventKey, list.map((m) => m.id)));
    expect([...events].sort((a, b) => (a.id < b.id ? -1 : 1)).map((e) => e.eventKey)).toEqual(list.map((m) => m.id));
  });
});

describe('statuses in one notification', () => {
  it('move each message as far as its statuses go, keep a failure’s code, and wait for a message not there yet', async () => {
    const first = await waitFor(async () => (await stored(['wamid.ORDER0']))[0]);
    const ours = await s.atende.db
      .insert(messages)
      .values(['A', 'B', 'C'].map((x) => ({
        workspaceId: w.ws.workspaceId, conversationId: first.conversationId, channelId: w.channelId, direction: 'out' as const, kind: 'message' as const,
        text: `nossa ${x}`, status: 'sent' as const, externalId: `wamid.OUT${x}`,
      })))
      .returning();
    const at = String(Math.floor(Date.now() / 1000));
    const status = (id: string, st: string, errors?: unknown[]) => ({ id, status: st, timestamp: at, recipient_id: '5511970000001', ...(errors ? { errors } : {}) });
    const body = envelope({
      statuses: [
        status('wamid.OUTA', 'delivered'), status('wamid.OUTA', 'read'),
        status('wamid.OUTB', 'failed', [{ code: 131026, title: 'Message undeliverable' }]),
        // Read first, then a late "delivered": the status never moves back.
        status('wamid.OUTC', 'read'), status('wamid.OUTC', 'delivered'),
        status('wamid.NOTYET', 'delivered'),
      ],
    });
    expect((await post(body)).statusCode).toBe(200);
    const byId = await waitFor(async () => {
      const rows = await s.atende.db.select().from(messages).where(inArray(messages.id, ours.map((m) => m.id)));
      return rows.every((r) => r.status !== 'sent') ? new Map(rows.map((r) => [r.externalId, r])) : null;
    });
    expect(byId.get('wamid.OUTA')).toMatchObject({ status: 'read' });
    expect(byId.get('wamid.OUTB')).toMatchObject({ status: 'failed', error: { code: '131026', title: 'Message undeliverable' } });
    expect(byId.get('wamid.OUTC')).toMatchObject({ status: 'read' });
    // The unknown one waits (not an attempt spent) and is kept pending for the grace time.
    const [early] = await waitFor(async () => {
      const r = await s.atende.db.select().from(whatsappEvents).where(eq(whatsappEvents.eventKey, 'wamid.NOTYET:delivered'));
      return r[0]?.lastError ? r : null;
    });
    expect(early).toMatchObject({ processedAt: null, attempts: 0 });
    const done = await s.atende.db.select().from(whatsappEvents).where(inArray(whatsappEvents.eventKey, ['wamid.OUTA:read', 'wamid.OUTB:failed', 'wamid.OUTC:delivered']));
    expect(done.every((e) => e.processedAt)).toBe(true);
  });
});

describe('ordered ids', () => {
  it('sort in the order they were made and have the UUIDv7 shape', () => {
    const ids = Array.from({ length: 5000 }, () => orderedId());
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids.slice(0, 50)) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
