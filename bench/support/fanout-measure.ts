import type { FanoutClient } from './fanout-clients';
import type { SendResult } from './fanout-client';
import { round, summary } from './stats';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls until `done` holds or the deadline passes; returns whether it held. */
export async function until(done: () => Promise<boolean>, limitMs: number): Promise<boolean> {
  const deadline = Date.now() + limitMs;
  for (;;) {
    if (await done()) return true;
    if (Date.now() >= deadline) return false;
    await sleep(100);
  }
}

export interface Delivery {
  messages: number;
  sendFailed: number;
  firstError?: string;
  /** How long the senders took to get every POST answered. */
  postsMs: number;
  /** From each message's own POST to its socket. */
  fromSendMs: ReturnType<typeof summary>;
  delivered: number;
  missing: number;
  /** Receipts beyond the first of a message (a socket that got it twice, or two sockets). */
  duplicated: number;
  /** Messages that reached a socket other than their recipient's. */
  misrouted: number;
}

/**
 * Joins what one client sent with what the other received, by key: latency per message and the
 * count check (every message reached its one recipient exactly once).
 */
export async function collect(sent: SendResult, receiver: FanoutClient, prefix: string, waitMs: number) {
  const expected = new Set(sent.sent.map((s) => s.key));
  await until(async () => (await receiver.receipts(prefix)).filter((r) => expected.has(r.key)).length >= expected.size, waitMs);
  const receipts = new Map((await receiver.receipts(prefix)).map((r) => [r.key, r]));
  const fromSend: number[] = [];
  let duplicated = 0;
  let misrouted = 0;
  for (const s of sent.sent) {
    const r = receipts.get(s.key);
    if (!r) continue;
    fromSend.push(r.at - s.at);
    duplicated += r.count - 1;
    misrouted += r.wrongSocket;
  }
  // A key nobody sent (or whose POST failed yet was stored) counts as a duplicate delivery.
  for (const key of receipts.keys()) if (!expected.has(key)) duplicated++;
  const delivery: Delivery = {
    messages: sent.sent.length,
    sendFailed: sent.failed,
    ...(sent.firstError ? { firstError: sent.firstError } : {}),
    postsMs: round(sent.tookMs, 1),
    fromSendMs: summary(fromSend),
    delivered: fromSend.length,
    missing: sent.sent.length - fromSend.length,
    duplicated,
    misrouted,
  };
  return { delivery, receipts };
}

/**
 * Every sender of `from` sends one message at the same moment; `to` must receive each once.
 * Besides each message's own latency, the time from the burst's start to each arrival: its max
 * is the time until the last socket had its message.
 */
export async function burst(from: FanoutClient, to: FanoutClient, tag: string, waitMs: number) {
  const sent = await from.burst(tag);
  const { delivery, receipts } = await collect(sent, to, `${tag}:`, waitMs);
  const fromStart = sent.sent.flatMap((s) => {
    const r = receipts.get(s.key);
    return r ? [r.at - sent.startedAt] : [];
  });
  return { ...delivery, fromBurstStartMs: summary(fromStart) };
}
