import { beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { startTestServer, type TestServer } from '../../../test/test-server';
import { servingFixture } from '../../../test/serving-fixture';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});

describe('paging through a conversation', () => {
  it('returns every message once, in order, even when times tie or differ only in microseconds', async () => {
    const f = await servingFixture(s);
    const contactId = await f.contact('Paginada');
    const texts = Array.from({ length: 11 }, (_, i) => `m${i}`);
    const first = await f.inbound(contactId, texts[0]);
    for (const t of texts.slice(1)) await f.inbound(contactId, t);
    const conversationId = first.conversation.id;
    // Pairs that share a millisecond (a JS Date cannot tell them apart) and a pair that ties exactly.
    const times = ['.000100', '.000200', '.000300', '.001000', '.001001', '.001001', '.002000', '.002500', '.002501', '.003000', '.004000'];
    for (const [i, t] of texts.entries()) {
      await s.atende.db.execute(sql`update messages set created_at = ${`2026-03-01 10:00:00${times[i]}+00`}::timestamptz
        where conversation_id = ${conversationId} and text = ${t}`);
    }
    const expected = (
      await s.atende.db.execute<{ id: string }>(sql`select id from messages where conversation_id = ${conversationId} order by created_at, id`)
    ).rows.map((r) => r.id);

    const seen: string[] = [];
    let before: string | null = null;
    for (let page = 0; page < 10; page++) {
      const r = await s.request('GET', `/api/v1/conversations/${conversationId}/messages?limit=3${before ? `&before=${before}` : ''}`, { token: f.ws.token });
      expect(r.status).toBe(200);
      // Each page is oldest first; pages go back in time.
      seen.unshift(...r.body.items.map((m: { id: string }) => m.id));
      before = r.body.nextCursor;
      if (!before) break;
    }
    expect(seen).toEqual(expected);
  });
});
