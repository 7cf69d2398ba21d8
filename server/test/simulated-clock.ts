import { beforeAll, beforeEach } from 'vitest';
import { startTestServer, type TestServer } from './test-server';

export const MIN = 60_000;
export const plus = (d: Date, minutes: number) => new Date(d.getTime() + minutes * MIN);

/**
 * A test server whose timers run on a clock the test moves: nothing fires on its own. Each test
 * starts at the real present (earlier tests moved the clock ahead).
 */
export function useSimulatedClock() {
  const clock = { now: new Date() };
  const world = { s: undefined as unknown as TestServer };
  beforeAll(async () => {
    world.s = await startTestServer({}, { clock: () => clock.now });
  });
  beforeEach(() => {
    clock.now = new Date();
  });

  /** Everything that follows a change: outbox handlers, then the timers due by the clock, until quiet. */
  async function settle() {
    for (let i = 0; i < 5; i++) {
      await world.s.atende.outbox!.drain();
      if (!(await world.s.atende.timers!.fireDue())) {
        await world.s.atende.outbox!.drain();
        return;
      }
    }
  }

  /** Moves the clock to `time` and lets what is due there happen. */
  async function at(time: Date) {
    clock.now = time;
    await settle();
  }

  /** The company's messages of a conversation, oldest first. */
  async function companyMessages(token: string, conversationId: string) {
    const r = await world.s.request('GET', `/api/v1/conversations/${conversationId}/messages`, { token });
    return (r.body.items as { direction: string; text: string }[]).filter((m) => m.direction === 'out').map((m) => m.text);
  }

  return { world, clock, settle, at, companyMessages };
}
