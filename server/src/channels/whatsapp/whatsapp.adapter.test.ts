import { eq } from 'drizzle-orm';
import pino from 'pino';
import { beforeAll, describe, expect, it } from 'vitest';
import { channelSettingsSchema } from '@contracts/serving';
import { startTestServer, type TestServer } from '../../../test/test-server';
import { waitFor } from '../../../test/wait-for';
import { messages } from '../../modules/conversations';
import { describeChannelAdapterContract, type AdapterHarness } from '../channel-adapter.contract';
import type { OutboundMessage } from '../channel-adapter';
import { whatsappAdapter } from './whatsapp.adapter';
import { SendPacer, TokenBuckets } from './whatsapp.throttle';
import { PNG, whatsappWorkspace } from './whatsapp.test-helpers';

const envelope = (value: Record<string, unknown>) => ({
  object: 'whatsapp_business_account',
  entry: [{ id: 'W', changes: [{ field: 'messages', value: { messaging_product: 'whatsapp', metadata: { display_phone_number: '1', phone_number_id: '42' }, ...value } }] }],
});

let s: TestServer;
let harness: AdapterHarness;
beforeAll(async () => {
  s = await startTestServer();
  const w = await whatsappWorkspace(s);
  const wamid = await w.sandbox.customer('5511933330001', 'Contrato').sendText('oi');
  const first = await waitFor(async () => (await s.atende.db.select().from(messages).where(eq(messages.externalId, wamid)))[0]);
  await waitFor(async () => (await s.request('GET', `/api/v1/conversations/${first.conversationId}`, { token: w.agent.token })).body.status === 'active');
  const text = await s.request('POST', `/api/v1/conversations/${first.conversationId}/messages`, { token: w.agent.token, body: { text: 'contrato' } });
  const up = await s.request('POST', '/api/v1/attachments', {
    token: w.agent.token,
    body: await import('../../modules/attachments/attachment.test-files').then((f) => f.fileForm('foto.png', PNG, 'image/png')),
  });
  const media = await s.request('POST', `/api/v1/conversations/${first.conversationId}/messages`, { token: w.agent.token, body: { attachmentId: up.body.id } });
  const contactId: string = (await s.request('GET', `/api/v1/conversations/${first.conversationId}`, { token: w.agent.token })).body.contactId;
  const outbound = (id: string, extra: Partial<OutboundMessage> = {}): OutboundMessage => ({
    id, conversationId: first.conversationId, contactId, text: 'contrato', attachment: null, authorName: null, clientMessageId: null, createdAt: new Date(), ...extra,
  });
  harness = {
    adapter: whatsappAdapter,
    ctx: { deps: s.atende.deps, log: pino({ level: 'silent' }) },
    channel: { id: w.channelId, workspaceId: w.ws.workspaceId, type: 'whatsapp', name: 'WhatsApp', settings: channelSettingsSchema.parse({}) },
    textInbound: ({ contactExternalId, messageId, text: body }) =>
      envelope({ contacts: [{ profile: { name: 'X' }, wa_id: contactExternalId }], messages: [{ from: contactExternalId, id: messageId, timestamp: '1749416383', type: 'text', text: { body } }] }),
    malformedInbounds: [{ entry: 'x' }, { object: 'whatsapp_business_account' }, {}],
    outbound: outbound(text.body.id),
    mediaOutbound: outbound(media.body.id, { text: null, attachment: { id: up.body.id, fileName: 'foto.png', mimeType: 'image/png', size: PNG.length } }),
    readReceipt: ({ contactExternalId, externalId }) => envelope({ statuses: [{ id: externalId, status: 'read', timestamp: '1749416390', recipient_id: contactExternalId }] }),
  };
}, 60_000);

describeChannelAdapterContract('WhatsApp', async () => harness);

describe('send pacing', () => {
  it('a number sends at most its rate; over it, sends wait for their slot in order', () => {
    let now = 0;
    const b = new TokenBuckets(80, 80, () => now);
    const waits = Array.from({ length: 82 }, () => b.reserve('n'));
    expect(waits.slice(0, 80).every((x) => x === 0)).toBe(true);
    expect(waits[80]).toBe(13);
    expect(waits[81]).toBe(25);
    now = 1000;
    expect(b.reserve('n')).toBe(0);
  });

  it('the same customer gets a burst, then one message every 6 s; others are not held up', () => {
    let now = 0;
    const p = new SendPacer({ perNumberPerSecond: 80, pairBurst: 2, pairEverySeconds: 6 }, () => now);
    expect([p.reserve('n', 'a'), p.reserve('n', 'a')]).toEqual([0, 0]);
    expect(p.reserve('n', 'a')).toBe(6000);
    expect(p.reserve('n', 'a')).toBe(12000);
    expect(p.reserve('n', 'b')).toBe(0);
    now = 12_000;
    expect(p.reserve('n', 'a')).toBe(6000);
  });
});
