import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startWhatsappSandbox } from '../../sandbox/whatsapp';
import type { Scenario } from '../scenario';
import { startAgentSockets } from '../support/agent-sockets-process';
import { outboxSettled, startAtende } from '../support/atende';
import { attachHeapProbe, INSPECT_ARGS, type SettledMemory } from '../support/heap-probe';
import { ingestStep, LoadGenerator, settleStep } from '../support/ingest-step';
import { sample } from '../support/proc-stats';
import { setUpWorkspace, WA } from '../support/whatsapp-workspace';
import { ingestCharts, renderIngest, type IngestResult, type StepResult } from './ingest.report';
import { writeChartPngs } from '../support/charts';

const RESULTS = fileURLToPath(new URL('../results', import.meta.url));

/**
 * Scenario 2, WhatsApp ingest: signed webhooks at stepped rates until saturation (see
 * support/ingest-step.ts for one step), with the count check at every step and the time until
 * each message reaches its agent's socket. `--soak`: one long step at 1,000 msg/s instead, for
 * the memory left behind per message (`--rates 500,1000` picks other steps).
 */

/** Requests in flight at most: enough for 3,000/s at 40 ms each; past that the server's answers pace the sender. */
const CONCURRENCY = 128;
/** Each agent takes 80 conversations at once: enough agents that every contact's conversation is assigned. */
const CAPACITY = 80;
/** A step whose last message was stored later than this after its last send did not keep up: higher rates are skipped. */
const KEPT_UP_MS = 1_000;
const SATURATED_MS = 5_000;

function planOf(quick: boolean) {
  const soak = process.argv.includes('--soak');
  const plan = soak
    ? { rates: [1000], seconds: 300, contacts: 2000, drainMs: 120_000, opening: { rate: 500, seconds: 5 } }
    : quick
      ? { rates: [500, 1000], seconds: 5, contacts: 500, drainMs: 20_000, opening: { rate: 500, seconds: 2 } }
      : { rates: [500, 1000, 1500, 2000, 3000], seconds: 15, contacts: 2000, drainMs: 30_000, opening: { rate: 500, seconds: 5 } };
  const ratesArg = process.argv.indexOf('--rates');
  if (ratesArg > 0) plan.rates = process.argv[ratesArg + 1].split(',').map(Number);
  return { ...plan, soak };
}

export const ingest: Scenario = {
  name: 'ingest',
  async run(ctx) {
    const plan = planOf(ctx.quick);
    const runTag = `wamid.bench.${Date.now().toString(36)}`;
    const agentCount = Math.ceil(plan.contacts / CAPACITY);

    const atende = await startAtende({ profileDir: ctx.profileDir, nodeArgs: INSPECT_ARGS });
    const probe = await attachHeapProbe(atende.server.output);
    const sandbox = await startWhatsappSandbox({ port: 0, host: '127.0.0.1', webhookUrl: `${atende.url}/webhooks/whatsapp`, ...WA });
    let agents: Awaited<ReturnType<typeof startAgentSockets>> | null = null;
    const generator = LoadGenerator.start();
    try {
      const idle = await idleRss(atende.pid, ctx.quick ? 10_000 : 25_000);
      const idleSettled = await probe.settled();
      ctx.log(`idle RSS ${idle.rssMb} MB after ${idle.waitedMs} ms idle (${idle.atStartMb} MB at first; after a forced full GC: ${idleSettled.rssMb} MB, heap ${idleSettled.heapUsedMb} MB)`);
      const { channelId, agents: logins } = await setUpWorkspace(atende.url, atende.adminToken, sandbox.url, { agents: agentCount, capacity: CAPACITY });
      agents = await startAgentSockets({ url: atende.url, agents: logins });
      ctx.log(`${logins.length} agents online with their sockets, ${plan.contacts} contacts`);

      const step = (rate: number, seconds: number, tag: string) =>
        ingestStep(atende, channelId, { rate, seconds, prefix: `${runTag}.${tag}.`, contacts: plan.contacts, concurrency: CONCURRENCY, drainMs: plan.drainMs, agents: agents!, generator });
      // Every contact's first message opens a conversation (contact, conversation, routing, and the
      // agent's screen loading it): a cost of its own, measured and reported apart, so the steps
      // measure traffic on established conversations. Long enough for every contact to write.
      const opening = await step(plan.opening.rate, plan.opening.seconds, 'open');
      // Its tail (automation, agent states, the screens' loads) must not spill into the first step.
      const openingSettledMs = await outboxSettled(atende);
      ctx.log(`opening ${plan.contacts} conversations at ${plan.opening.rate} msg/s: ack p99 ${opening.ackMs.p99} ms, deliver p50 ${opening.deliverMs?.p50} p99 ${opening.deliverMs?.p99} ms, ` +
        `sent ${opening.texts} stored ${opening.messageRows} delivered ${opening.delivered}; outbox settled ${openingSettledMs} ms after`);

      const steps: StepResult[] = [];
      // Memory is settled (a forced full GC) before the first step and after the last only: one
      // between steps shrank the young generation, and the next step's first seconds paid for it
      // (measured: deliver p99 337–375 ms in the first second at 1,000 msg/s, 135–174 without).
      const memory: SettledMemory[] = [await probe.settled()];
      for (const [i, rate] of plan.rates.entries()) {
        const s = await step(rate, plan.seconds, `s${i}`);
        steps.push(s);
        ctx.log(`${rate} msg/s → acked ${s.achievedPerSec}/s, processed ${s.processedPerSec}/s, ack p50 ${s.ackMs.p50} p99 ${s.ackMs.p99} ms, ` +
          `lag ${s.processingLagMs} ms, deliver p50 ${s.deliverMs?.p50} p99 ${s.deliverMs?.p99} ms, sent ${s.texts} stored ${s.messageRows} delivered ${s.delivered}, ` +
          `dup rows ${s.duplicateRows}, load ${os.loadavg()[0].toFixed(1)}${s.drained ? '' : ' (NOT drained in time)'}`);
        if (!s.drained || (s.processingLagMs ?? 0) > SATURATED_MS) {
          ctx.log(`saturated at ${rate} msg/s: higher steps skipped`);
          break;
        }
      }
      memory.push(await probe.settled());
      // What a saturated step had not stored (or delivered) in its wait must still arrive.
      for (const [tag, s] of [['open', opening] as const, ...steps.map((x, i) => [`s${i}`, x] as const)]) {
        if (s.drained && s.delivered === s.messageRows) continue;
        const late = await settleStep(atende, channelId, `${runTag}.${tag}.`, agents, plan.drainMs);
        s.storedInTheEnd = late.messageRows;
        s.deliveredInTheEnd = (s.delivered ?? 0) + late.lateDeliveries;
        s.lost = Math.max(0, s.texts - late.messageRows);
        s.duplicateRows = late.duplicateRows;
        ctx.log(`${s.offeredPerSec} msg/s in the end: stored ${late.messageRows}/${s.texts}, delivered ${s.deliveredInTheEnd}${late.drained ? '' : ' (still not drained)'}`);
      }
      const { ingest: result, memory: memoryJson } = resultJson(plan, { ...opening, outboxSettledMs: openingSettledMs }, steps, memory, idle, idleSettled, agentCount);
      const charts = ingestCharts(result);
      const drawn = await writeChartPngs(charts.map((c) => ({ file: path.join(RESULTS, c.name), chart: c.chart })));
      if (!drawn) ctx.log('no browser at /usr/bin/chromium: charts not drawn');
      return { json: { ingest: result, memory: memoryJson }, markdown: renderIngest(result, memoryJson, drawn ? charts : []) };
    } finally {
      generator.stop();
      await agents?.stop();
      await probe.close();
      await atende.stop();
      await sandbox.close();
    }
  },
};

type IdleRss = { rssMb: number; atStartMb: number; waitedMs: number };

/**
 * RSS of the started server with nothing to do. Right after start it still holds start-up
 * garbage: V8 gives it back by itself once the process has been idle for a while (its memory
 * reducer, ~10–20 s here), so we wait for that drop (bounded) instead of forcing a GC.
 */
async function idleRss(pid: number, capMs: number): Promise<IdleRss> {
  const t0 = Date.now();
  const atStartMb = sample(pid).atendeRssMb;
  let min = atStartMb;
  let droppedAt: number | null = null;
  while (Date.now() - t0 < capMs) {
    await new Promise((r) => setTimeout(r, 1_000));
    const rss = sample(pid).atendeRssMb;
    if (rss < min - 5) droppedAt = Date.now();
    min = Math.min(min, rss);
    // Settled: it dropped, and has stayed there for a few seconds.
    if (droppedAt && Date.now() - droppedAt >= 3_000) break;
  }
  return { rssMb: sample(pid).atendeRssMb, atStartMb, waitedMs: Date.now() - t0 };
}

function resultJson(plan: ReturnType<typeof planOf>, opening: StepResult & { outboxSettledMs: number }, steps: StepResult[], memory: SettledMemory[], idle: IdleRss, idleSettled: SettledMemory, agentCount: number) {
  const clean = (s: StepResult) => s.drained && s.lost === 0 && s.errors === 0 && s.duplicateRows === 0;
  // The headline: the highest step Atende kept up with (every message stored soon after it was sent).
  const best = steps.filter((s) => clean(s) && (s.processingLagMs ?? Infinity) <= KEPT_UP_MS).at(-1) ?? null;
  const at1000 = steps.find((s) => s.offeredPerSec === 1000 && clean(s)) ?? null;
  const withinTargets = steps.filter((s) => clean(s) && s.ackMs.p99 < 50 && (s.deliverMs?.p99 ?? Infinity) < 250 && s.delivered === s.messageRows).at(-1) ?? null;
  // Growth is read from after the opening, which also paid for first-time work (contacts, code warm-up).
  const messagesAfterFirst = steps.reduce((n, s) => n + s.messageRows, 0);
  const from = memory[0];
  const to = memory.at(-1)!;
  const perMessage = (mb: number) => (messagesAfterFirst > 0 && from ? Math.round(((mb * 2 ** 20) / messagesAfterFirst) * 10) / 10 : null);
  const result: IngestResult = {
    settings: {
      stepSeconds: plan.seconds, contacts: plan.contacts, agents: agentCount, capacity: CAPACITY, concurrency: CONCURRENCY, soak: plan.soak,
      mix: '~94% text, ~5% read statuses, ~1% exact duplicate deliveries', drainLimitSec: plan.drainMs / 1000, keptUpMs: KEPT_UP_MS,
    },
    sustainedMsgPerSec: best?.processedPerSec ?? 0,
    acknowledgedMsgPerSec: Math.max(0, ...steps.filter(clean).map((s) => s.achievedPerSec)),
    withinTargetsMsgPerSec: withinTargets?.processedPerSec ?? 0,
    p99AckMs: best?.ackMs.p99 ?? null,
    p99DeliverMs: best?.deliverMs?.p99 ?? null,
    p99AckMsAt1000: at1000?.ackMs.p99 ?? null,
    p99DeliverMsAt1000: at1000?.deliverMs?.p99 ?? null,
    // Not stored, or stored and never shown to its agent, even after the wait at the end.
    lost: [opening, ...steps].reduce((n, s) => n + s.lost + Math.max(0, (s.storedInTheEnd ?? s.messageRows) - (s.deliveredInTheEnd ?? s.delivered ?? s.messageRows)), 0),
    duplicated: [opening, ...steps].reduce((n, s) => n + s.duplicateRows + (s.pushedTwice ?? 0), 0),
    opening,
    steps,
    memory: { settledBefore: from, settledAfter: to, messagesMeasured: messagesAfterFirst },
  };
  const memoryJson = {
    idleRssMb: idle.rssMb,
    idleRssMbAtStart: idle.atStartMb,
    idleWaitedMs: idle.waitedMs,
    idleSettledRssMb: idleSettled.rssMb,
    idleHeapMb: idleSettled.heapUsedMb,
    growthBytesPerMessage: from ? perMessage(to.heapUsedMb - from.heapUsedMb) : null,
    rssGrowthBytesPerMessage: from ? perMessage(to.rssMb - from.rssMb) : null,
    growthMeasuredOver: plan.soak ? 'soak' : 'the steps after the opening',
  };
  return { ingest: result, memory: memoryJson };
}
