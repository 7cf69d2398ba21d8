import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../test/test-server';
import { waitFor } from '../../../test/wait-for';
import { messages } from '../../modules/conversations';
import { setSendLimits } from './whatsapp.adapter';
import { DEFAULT_LIMITS } from './whatsapp.throttle';
import { whatsappWorkspace } from './whatsapp.test-helpers';

let s: TestServer;
let w: Awaited<ReturnType<typeof whatsappWorkspace>>;
beforeAll(async () => {
  s = await startTestServer();
  // A number limited to 5 msg/s by the fake Meta, and Atende told the same.
  w = await whatsappWorkspace(s, { sandbox: { throughputPerSecond: 5 } });
  setSendLimits({ perNumberPerSecond: 5, pairBurst: 3, pairEverySeconds: 0.4 });
});
afterAll(() => setSendLimits(DEFAULT_LIMITS));

describe('throughput and pair limits', () => {
  it('a burst over the limits queues instead of failing: every message goes, in order, none refused', async () => {
    const wamid = await w.sandbox.customer('5511977770001', 'Rápida').sendText('manda tudo');
    const first = await waitFor(async () => (await s.atende.db.select().from(messages).where(eq(messages.externalId, wamid)))[0]);
    await waitFor(async () => (await s.request('GET', `/api/v1/conversations/${first.conversationId}`, { token: w.agent.token })).body.status === 'active');
    const texts = Array.from({ length: 12 }, (_, i) => `parte ${i + 1}`);
    for (const text of texts) {
      expect((await s.request('POST', `/api/v1/conversations/${first.conversationId}/messages`, { token: w.agent.token, body: { text } })).status).toBe(201);
    }
    await w.sandbox.waitForSent((m) => m.text?.body === 'parte 12', 30_000);
    expect(w.sandbox.sent.filter((m) => m.to === '5511977770001').map((m) => m.text?.body)).toEqual(texts);
    expect(w.sandbox.rejected).toEqual([]);
  }, 40_000);
});
