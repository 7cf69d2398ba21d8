import type { Scenario } from '../scenario';
import { startAtende } from '../support/atende';
import { sample, usage } from '../support/proc-stats';
import { round, row } from '../support/stats';
import { setUpTimers, type TimersPlan } from '../support/timers-setup';
import { countFirings, lateness, watchFiring } from '../support/timers-watch';

/**
 * Scenario 5, timers: a large armed population of a real timer kind — the inactivity close of
 * group automation, whose firing closes the conversation (status, `closed` event, outbox) — all
 * due within a short window, fired by Atende's own TimerRunner. We measure how late each one
 * fired and that each fired exactly once.
 */

const POLL_MS = 100;

export const timers: Scenario = {
  name: 'timers',
  async run(ctx) {
    // 1,000 firings a second, as many as 1,000 inbound messages a second can arm.
    const plan: TimersPlan = ctx.quick
      ? { timers: 10_000, due: 4_000, leadMs: 3_000, windowMs: 4_000 }
      : { timers: 100_000, due: 30_000, leadMs: 8_000, windowMs: 30_000 };
    const atende = await startAtende({ profileDir: ctx.profileDir });
    try {
      const t0 = Date.now();
      const setup = await setUpTimers(atende, plan);
      ctx.log(`armed ${plan.timers} timers in ${Date.now() - t0} ms, due ${setup.firstDue.toISOString()} … ${setup.lastDue.toISOString()}`);
      const before = sample(atende.pid);
      // Bounded: a runner that cannot keep up is reported as such, not waited for.
      const seen = await watchFiring(atende, plan.due, setup.cutoff, setup.lastDue.getTime() + 30_000, POLL_MS);
      const after = sample(atende.pid);
      const firedAllAt = seen.at(-1)!.fired >= plan.due ? seen.at(-1)!.at : null;
      const late = await lateness(atende, setup.cutoff, seen);
      const count = await countFirings(atende, setup.cutoff);
      const backlog = Number((await atende.db.query(`select count(*)::int as n from outbox_events where dispatched_at is null`)).rows[0].n);
      const passed = count.closed === plan.due && count.closeEvents === plan.due && count.closedTwice === 0 && count.stillArmed === 0 &&
        count.laterFired === 0 && count.laterArmed === plan.timers - plan.due && late.early === 0;
      ctx.log(`lateness visible p50 ${late.visibleMs.p50} p99 ${late.visibleMs.p99} max ${late.visibleMs.max} ms; runner clock p50 ${late.runnerClockMs.p50} p99 ${late.runnerClockMs.p99} ms; count ${passed ? 'passed' : `FAILED ${JSON.stringify({ ...count, early: late.early })}`}`);

      const result = {
        settings: { ...plan, kind: 'automation.inactivity-close', ratePerSec: Math.round(plan.due / (plan.windowMs / 1000)), processes: 1, pollMs: POLL_MS },
        p99LatenessMs: late.visibleMs.p99,
        latenessMs: late.visibleMs,
        runnerClockLatenessMs: late.runnerClockMs,
        lastFiredAfterLastDueMs: firedAllAt === null ? null : firedAllAt - setup.lastDue.getTime(),
        count: { ...count, early: late.early },
        checkPassed: passed,
        outboxBacklogAtEnd: backlog,
        cpu: usage(before, after),
      };
      return { json: { timers: result }, markdown: render(result) };
    } finally {
      await atende.stop();
    }
  },
};

type Summary = { count: number; p50: number; p95: number; p99: number; max: number };

function render(r: {
  settings: TimersPlan & { ratePerSec: number; pollMs: number };
  latenessMs: Summary; runnerClockLatenessMs: Summary; lastFiredAfterLastDueMs: number | null;
  count: { closed: number; closeEvents: number; closedTwice: number; stillArmed: number; laterFired: number; laterArmed: number; early: number }; checkPassed: boolean;
  outboxBacklogAtEnd: number; cpu: ReturnType<typeof usage>;
}) {
  const s = r.settings;
  const c = r.count;
  const line = (name: string, x: Summary) => row([name, x.count, x.p50, x.p95, x.p99, x.max]);
  return [
    '## Timers',
    '',
    `${s.timers} armed inactivity closes (\`automation.inactivity-close\`, a real kind: firing closes the queued conversation, writes its \`closed\` event and the outbox events), armed in one statement; ${s.due} of them due evenly over ${round(s.windowMs / 1000, 1)} s (${s.ratePerSec}/s) starting ${round(s.leadMs / 1000, 1)} s later, the other ${s.timers - s.due} an hour later (armed throughout). One Atende process (TimerRunner polls every 250 ms, batches of 500).`,
    '',
    `**Lateness p99 ${r.latenessMs.p99} ms** (seen from outside, polling every ${s.pollMs} ms). Count check: **${r.checkPassed ? 'passed' : 'FAILED'}** — of the ${s.due} due: closed ${c.closed}, close events ${c.closeEvents}, closed twice ${c.closedTwice}, still armed ${c.stillArmed}, fired early ${c.early}; of the later ${s.timers - s.due}: fired ${c.laterFired}, still armed ${c.laterArmed}.`,
    '',
    '| lateness, ms | fired | p50 | p95 | p99 | max |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
    line('seen committed (poll, upper bound)', r.latenessMs),
    line("by the runner's clock (closed_at − due)", r.runnerClockLatenessMs),
    '',
    `Last timer seen fired ${r.lastFiredAfterLastDueMs ?? '—'} ms after the last was due. CPU while firing: Atende ${r.cpu.atendeCpuPct}%, PostgreSQL ${r.cpu.pgCpuPct}% (of one core); outbox events not yet dispatched at the end: ${r.outboxBacklogAtEnd} (the realtime pushes of the closes follow the firing).`,
    '',
  ].join('\n');
}
