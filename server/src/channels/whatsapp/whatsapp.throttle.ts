/**
 * In-process pacing of sends (protocols.md §1.10): a token bucket per phone number (80 msg/s by
 * default) and a slower one per (number, customer) pair — Meta's soft limit of about one
 * message every 6 s to the same user. A send over the limit waits for its slot instead of
 * failing; Meta's own 130429/131056 answers are still retried by the outbox if we guessed low.
 */
export class TokenBuckets {
  private readonly state = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly capacity: number,
    private readonly perSecond: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Takes one token for `key`; returns how long the caller must wait before using it (ms). */
  reserve(key: string): number {
    const t = this.now();
    const s = this.state.get(key) ?? { tokens: this.capacity, at: t };
    s.tokens = Math.min(this.capacity, s.tokens + ((t - s.at) / 1000) * this.perSecond);
    s.at = t;
    s.tokens -= 1;
    this.state.set(key, s);
    // Negative tokens are sends already promised to later slots: this one queues behind them.
    return s.tokens >= 0 ? 0 : Math.ceil((-s.tokens / this.perSecond) * 1000);
  }
}

export interface SendLimits {
  perNumberPerSecond: number;
  pairBurst: number;
  pairEverySeconds: number;
}

export const DEFAULT_LIMITS: SendLimits = { perNumberPerSecond: 80, pairBurst: 10, pairEverySeconds: 6 };

export class SendPacer {
  private numbers: TokenBuckets;
  private pairs: TokenBuckets;

  constructor(limits: SendLimits = DEFAULT_LIMITS, now: () => number = Date.now) {
    this.numbers = new TokenBuckets(limits.perNumberPerSecond, limits.perNumberPerSecond, now);
    this.pairs = new TokenBuckets(limits.pairBurst, 1 / limits.pairEverySeconds, now);
  }

  /** The wait before a message from `phoneNumberId` to `to` may go (ms). */
  reserve(phoneNumberId: string, to: string): number {
    return Math.max(this.numbers.reserve(phoneNumberId), this.pairs.reserve(`${phoneNumberId}:${to}`));
  }
}

export const sleep = (ms: number) => new Promise<void>((ok) => setTimeout(ok, ms));
