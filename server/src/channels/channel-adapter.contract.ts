import { describe, expect, it } from 'vitest';
import { CHANNEL_TYPES } from '@contracts/serving';
import {
  ChannelInboundError,
  mediaAllowed,
  type AdapterChannel,
  type AdapterContext,
  type ChannelAdapter,
  type OutboundMessage,
} from './channel-adapter';

/** What an adapter's test gives the shared suite. */
export interface AdapterHarness {
  adapter: ChannelAdapter;
  ctx: AdapterContext;
  channel: AdapterChannel;
  /** The provider's payload for one text message from a contact. */
  textInbound(p: { contactExternalId: string; messageId: string; text: string }): unknown;
  /** Payloads the adapter must refuse with a clear error (or ignore). */
  malformedInbounds: unknown[];
  /** A text message to send; the harness's fake peer (if any) accepts it. */
  outbound: OutboundMessage;
  /** With media support: a file message the peer accepts. */
  mediaOutbound?: OutboundMessage;
  /** With read receipts: the provider's payload saying the contact read `externalId`. */
  readReceipt?(p: { contactExternalId: string; externalId: string }): unknown;
}

const MIME_ENTRY = /^[a-z]+\/([a-z0-9][a-z0-9.+-]*)?$/;

/**
 * The suite every channel adapter passes (DESIGN.md "Tests"). Call it from the adapter's own
 * test file: `describeChannelAdapterContract('web chat', async () => harness)`.
 */
export function describeChannelAdapterContract(name: string, makeHarness: () => Promise<AdapterHarness>) {
  describe(`channel adapter contract: ${name}`, () => {
    it('normalizes a text inbound to exactly one message with the contact identity', async () => {
      const h = await makeHarness();
      const events = h.adapter.normalizeInbound(h.textInbound({ contactExternalId: 'contact-1', messageId: 'm-1', text: 'Olá, preciso de ajuda' }));
      expect(events).toHaveLength(1);
      const [e] = events;
      if (e.kind !== 'message') throw new Error(`expected a message, got ${e.kind}`);
      expect(e.contact.externalId).toBeTruthy();
      expect(e.message.text).toBe('Olá, preciso de ajuda');
      expect(e.message.receivedAt).toBeInstanceOf(Date);
      expect(Number.isNaN(e.message.receivedAt.getTime())).toBe(false);
      expect(e.message.externalId ?? e.message.clientMessageId).toBeTruthy();
    });

    it('refuses malformed input with a clear error, or ignores it', async () => {
      const h = await makeHarness();
      expect(h.malformedInbounds.length).toBeGreaterThan(0);
      for (const raw of [...h.malformedInbounds, null, undefined, 42, 'texto']) {
        let events: unknown;
        try {
          events = h.adapter.normalizeInbound(raw);
        } catch (err) {
          expect(err, JSON.stringify(raw)).toBeInstanceOf(ChannelInboundError);
          expect((err as Error).message.length, JSON.stringify(raw)).toBeGreaterThan(10);
          continue;
        }
        expect(events, JSON.stringify(raw)).toEqual([]);
      }
    });

    it('is idempotent: the same inbound twice yields the same external ids', async () => {
      const h = await makeHarness();
      const raw = h.textInbound({ contactExternalId: 'contact-2', messageId: 'm-2', text: 'de novo' });
      const ids = (events: ReturnType<ChannelAdapter['normalizeInbound']>) =>
        events.map((e) => (e.kind === 'message' ? [e.contact.externalId, e.message.externalId] : e.kind === 'status' ? e.externalId : e.kind));
      const first = ids(h.adapter.normalizeInbound(raw));
      expect(first.flat().every(Boolean)).toBe(true);
      expect(ids(h.adapter.normalizeInbound(structuredClone(raw)))).toEqual(first);
      const other = ids(h.adapter.normalizeInbound(h.textInbound({ contactExternalId: 'contact-2', messageId: 'm-3', text: 'de novo' })));
      expect(other).not.toEqual(first);
    });

    it('sends a message and reports its status', async () => {
      const h = await makeHarness();
      const r = await h.adapter.send(h.ctx, h.channel, h.outbound);
      expect(['sent', 'delivered']).toContain(r.status);
      if (r.externalId !== undefined) expect(typeof r.externalId).toBe('string');
      if (h.mediaOutbound) expect(['sent', 'delivered']).toContain((await h.adapter.send(h.ctx, h.channel, h.mediaOutbound)).status);
    });

    it('declares consistent capabilities', async () => {
      const h = await makeHarness();
      const c = h.adapter.capabilities;
      expect(CHANNEL_TYPES).toContain(h.adapter.type);
      for (const entry of [...c.inboundMedia, ...c.outboundMedia]) expect(entry, entry).toMatch(MIME_ENTRY);
      // Media support is declared by the outbound list and must then really work.
      if (c.outboundMedia.length > 0) {
        expect(h.mediaOutbound, 'outboundMedia declared: give the harness a mediaOutbound').toBeDefined();
        expect(mediaAllowed(c.outboundMedia, h.mediaOutbound!.attachment!.mimeType)).toBe(true);
      } else {
        expect(h.mediaOutbound).toBeUndefined();
      }
      if (c.replyWindowHours !== null) expect(c.replyWindowHours).toBeGreaterThan(0);
      expect(typeof h.adapter.sendTyping === 'function').toBe(c.typing);
      if (c.readReceipts) {
        expect(h.readReceipt, 'readReceipts declared: give the harness a readReceipt payload').toBeDefined();
        const events = h.adapter.normalizeInbound(h.readReceipt!({ contactExternalId: 'contact-3', externalId: h.outbound.id }));
        expect(events).toContainEqual(expect.objectContaining({ kind: 'status', status: 'read' }));
      }
    });
  });
}
