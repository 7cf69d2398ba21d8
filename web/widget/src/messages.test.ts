import { describe, expect, it } from 'vitest';
import type { ServerMessage } from './api';
import { MessageStore } from './messages';

let n = 0;
const at = (seconds: number) => new Date(Date.UTC(2026, 10, 21, 12, 0, seconds)).toISOString();
const server = (extra: Partial<ServerMessage> = {}): ServerMessage => ({
  id: `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`,
  direction: 'out',
  text: 'oi',
  attachment: null,
  authorName: 'Ana',
  status: 'sent',
  clientMessageId: null,
  createdAt: at(n),
  ...extra,
});

describe('MessageStore', () => {
  it('shows a message once, whether the POST answer, the push or a history page comes first', () => {
    const store = new MessageStore();
    store.addPending({ clientMessageId: 'c1', text: 'olá', createdAt: at(100) });
    const stored = server({ direction: 'in', clientMessageId: 'c1', text: 'olá', status: 'delivered', authorName: null });
    store.upsert(stored); // the push
    store.upsert(stored); // the POST answer
    store.upsert({ ...stored }); // a history page after a reconnect
    expect(store.list().map((m) => [m.key, m.status])).toEqual([[stored.id, 'delivered']]);
  });

  it('keeps pending messages after the stored ones, in the order they were written', () => {
    const store = new MessageStore();
    store.addPending({ clientMessageId: 'b', text: 'segunda', createdAt: at(2) });
    store.addPending({ clientMessageId: 'a', text: 'primeira', createdAt: at(1) });
    const agent = server({ createdAt: at(50) });
    store.upsert(agent);
    expect(store.list().map((m) => m.text)).toEqual(['oi', 'primeira', 'segunda']);
  });

  it('never moves a status back (a stale page after the read receipt)', () => {
    const store = new MessageStore();
    const mine = server({ direction: 'in', status: 'delivered', clientMessageId: 'x' });
    store.upsert(mine);
    expect(store.markOwnRead(at(1000))).toBe(true);
    store.upsert(mine);
    expect(store.list()[0].status).toBe('read');
  });

  it('marks only the visitor\'s messages up to the moment the agent read them', () => {
    const store = new MessageStore();
    const early = server({ direction: 'in', status: 'delivered', createdAt: at(1) });
    const late = server({ direction: 'in', status: 'delivered', createdAt: at(30) });
    const agent = server({ direction: 'out', createdAt: at(2) });
    [early, late, agent].forEach((m) => store.upsert(m));
    store.markOwnRead(at(10));
    expect(store.list().map((m) => m.status)).toEqual(['read', 'sent', 'delivered']);
  });

  it('resumes from a message a minute older than the newest, so late commits are not missed', () => {
    const store = new MessageStore();
    expect(store.resumeAnchor()).toBeNull();
    const old = server({ createdAt: at(0) });
    const a = server({ createdAt: new Date(Date.parse(at(0)) + 90_000).toISOString() });
    const b = server({ createdAt: new Date(Date.parse(at(0)) + 100_000).toISOString() });
    [b, old, a].forEach((m) => store.upsert(m));
    expect(store.resumeAnchor()).toBe(old.id);
    const only = new MessageStore();
    only.upsert(server());
    expect(only.resumeAnchor()).toBeNull();
  });

  it('lists company messages not yet acknowledged', () => {
    const store = new MessageStore();
    const m1 = server();
    const m2 = server({ status: 'read' });
    store.upsert(m1);
    store.upsert(m2);
    store.upsert(server({ direction: 'in', status: 'delivered' }));
    const acked = new Set<string>();
    expect(store.unacknowledged('delivered', acked)).toEqual([m1.id]);
    acked.add(`delivered:${m1.id}`);
    expect(store.unacknowledged('delivered', acked)).toEqual([]);
    expect(store.unacknowledged('read', acked)).toEqual([m1.id]);
  });

  it('shows a refused message with its reason, and lets it be discarded', () => {
    const store = new MessageStore();
    store.addPending({ clientMessageId: 'f', text: null, localFile: { name: 'virus.exe', size: 10, type: '' } });
    store.fail('f', 'Este tipo de arquivo não é aceito.');
    expect(store.list()[0]).toMatchObject({ status: 'failed', error: 'Este tipo de arquivo não é aceito.' });
    store.remove('f');
    expect(store.list()).toEqual([]);
  });
});
