import { beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import pino from 'pino';
import { channelSettingsSchema } from '@contracts/serving';
import { startTestServer, type TestServer } from '../../../test/test-server';
import { describeChannelAdapterContract } from '../channel-adapter.contract';
import { ChannelInboundError, type OutboundMessage } from '../channel-adapter';
import { adapterFor } from '../registry';
import { webchatAdapter, webchatExternalId } from './webchat.adapter';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});

// Web chat visitors are known by a UUID: the suite's free-form contact ids map to stable ones.
const visitorIds = new Map<string, string>();
const visitorId = (key: string) => visitorIds.get(key) ?? (visitorIds.set(key, randomUUID()), visitorIds.get(key)!);

const message = (extra: Partial<OutboundMessage> = {}): OutboundMessage => ({
  id: randomUUID(),
  conversationId: randomUUID(),
  contactId: randomUUID(),
  text: 'Olá! Em que posso ajudar?',
  attachment: null,
  authorName: 'Ana',
  clientMessageId: null,
  createdAt: new Date(),
  ...extra,
});

describeChannelAdapterContract('web chat', async () => ({
  adapter: webchatAdapter,
  ctx: { deps: s.atende.deps, log: pino({ level: 'silent' }) },
  channel: { id: randomUUID(), workspaceId: randomUUID(), type: 'webchat', name: 'Site', settings: channelSettingsSchema.parse({}) },
  textInbound: ({ contactExternalId, messageId, text }) => ({
    visitor: { id: visitorId(contactExternalId) },
    event: { type: 'message', clientMessageId: messageId, text },
  }),
  malformedInbounds: [
    {},
    { visitor: { id: 'not-a-uuid' }, event: { type: 'message', clientMessageId: 'x', text: 'oi' } },
    { visitor: { id: randomUUID() }, event: { type: 'message', clientMessageId: 'x' } },
    { visitor: { id: randomUUID() }, event: { type: 'message', clientMessageId: '', text: 'oi' } },
    { visitor: { id: randomUUID() }, event: { type: 'sticker' } },
    { visitor: { id: randomUUID() }, event: { type: 'read', messageIds: [] } },
  ],
  outbound: message(),
  mediaOutbound: message({ text: null, attachment: { id: randomUUID(), fileName: 'boleto.pdf', mimeType: 'application/pdf', size: 1234 } }),
  readReceipt: ({ contactExternalId, externalId }) => ({ visitor: { id: visitorId(contactExternalId) }, event: { type: 'read', messageIds: [externalId] } }),
}));

describe('web chat adapter', () => {
  it('is the registered adapter of web chat channels', () => {
    expect(adapterFor('webchat')).toBe(webchatAdapter);
    expect(() => adapterFor('telegram')).toThrow('no channel adapter');
  });

  it('names the offending field of a malformed payload', () => {
    try {
      webchatAdapter.normalizeInbound({ visitor: { id: randomUUID() }, event: { type: 'message', clientMessageId: 'c1', text: '   ' } });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ChannelInboundError);
      expect((err as ChannelInboundError).fields).toEqual([{ path: 'event.text', message: 'a message needs text or an attachment' }]);
    }
  });

  it('keys a message by visitor and client id, so a resend after a reconnect is the same message', () => {
    const visitor = randomUUID();
    const [e] = webchatAdapter.normalizeInbound({ visitor: { id: visitor, displayName: 'Maria' }, event: { type: 'message', clientMessageId: 'c-9', text: '  oi  ' } });
    expect(e).toMatchObject({
      kind: 'message',
      contact: { externalId: visitor, displayName: 'Maria' },
      message: { externalId: webchatExternalId(visitor, 'c-9'), clientMessageId: 'c-9', text: 'oi' },
    });
  });

  it('turns acknowledgements into status updates of our own message ids, once each', () => {
    const id = randomUUID();
    const events = webchatAdapter.normalizeInbound({ visitor: { id: randomUUID() }, event: { type: 'delivered', messageIds: [id, id] } });
    expect(events).toEqual([{ kind: 'status', externalId: id, status: 'delivered' }]);
    expect(webchatAdapter.normalizeInbound({ visitor: { id: randomUUID() }, event: { type: 'typing' } })[0].kind).toBe('typing');
  });

  it('sends to the visitor and reports the message as sent under its own id', async () => {
    const m = message();
    const r = await webchatAdapter.send({ deps: s.atende.deps, log: pino({ level: 'silent' }) }, {
      id: randomUUID(), workspaceId: randomUUID(), type: 'webchat', name: 'Site', settings: channelSettingsSchema.parse({}),
    }, m);
    expect(r).toEqual({ externalId: m.id, status: 'sent' });
  });
});
