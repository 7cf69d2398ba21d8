import os from 'node:os';
import { startWhatsappSandbox } from '../../sandbox/whatsapp';
import type { Scenario } from '../scenario';
import { must, type Atende } from '../support/atende';
import { AGENT, prepareDataset, sizeLabel, startOnDataset } from '../support/growth-dataset';
import { planQueries, timeQueries } from '../support/growth-queries';
import { ingestStep } from '../support/ingest-step';
import { ServerCpu } from '../support/growth-cpu';
import { round } from '../support/stats';
import { WA } from '../support/whatsapp-workspace';
import { renderGrowth, type GrowthResult, type SizeResult } from './growth.report';

/**
 * Scenario 6, growth: the same WhatsApp ingest step and the same agent-workspace reads with 0, 1
 * million and 10 million messages already stored (quick: 0 and 100,000). Each size runs on its own
 * Atende, started on a copy of a cached dataset (support/growth-dataset.ts), so a run spends its
 * time measuring, not generating; the first run on a machine builds the datasets once.
 */

const INGEST = { rate: 1000, contacts: 2000, concurrency: 64 };

export const growth: Scenario = {
  name: 'growth',
  async run(ctx) {
    const plan = ctx.quick
      ? { sizes: [0, 100_000], seconds: 2, drainMs: 15_000, settleMs: 15_000, rounds: 15 }
      : { sizes: [0, 1_000_000, 10_000_000], seconds: 5, drainMs: 30_000, settleMs: 60_000, rounds: 100 };
    const runTag = `wamid.growth.${Date.now().toString(36)}`;
    const sizes: SizeResult[] = [];
    for (const messages of plan.sizes) {
      const dataset = await prepareDataset(messages, ctx.log);
      const t0 = performance.now();
      const atende = await startOnDataset(dataset, ctx.profileDir);
      const startSeconds = round((performance.now() - t0) / 1000, 1);
      const sandbox = await startWhatsappSandbox({ port: 0, host: '127.0.0.1', webhookUrl: `${atende.url}/webhooks/whatsapp`, ...WA });
      try {
        const { meta } = dataset;
        await must(atende.url, 'PATCH', `/api/v1/channels/${meta.channelId}`, { credentials: { ...WA, graphUrl: sandbox.url } }, atende.adminToken);
        // The ingest's agent takes the new conversations; the probe's agent reads.
        const ingestAgent = (await must(atende.url, 'POST', '/api/v1/auth/login', AGENT)).token as string;
        await must(atende.url, 'PUT', '/api/v1/me/presence', { status: 'online' }, ingestAgent);
        const agentToken = (await must(atende.url, 'POST', '/api/v1/auth/login', { login: meta.probe.agentLogin, password: AGENT.password })).token as string;
        const stored = Number((await atende.db.query(`select count(*) from messages`)).rows[0].count);

        const cpu = new ServerCpu(atende.pid);
        const cpuBefore = cpu.totalSeconds();
        const prefix = `${runTag}.${sizeLabel(messages)}.`;
        const step = await ingestStep(atende, meta.channelId, {
          rate: INGEST.rate, seconds: plan.seconds, prefix, contacts: INGEST.contacts,
          concurrency: INGEST.concurrency, drainMs: plan.drainMs,
        });
        ctx.log(`${sizeLabel(messages)}: ingest ${step.achievedPerSec}/s, ack p50 ${step.ackMs.p50} p99 ${step.ackMs.p99} ms, lag ${step.processingLagMs} ms, rows ${step.messageRows}/${step.texts}${step.drained ? '' : ' (NOT drained in time)'}`);

        const settle = await settleDown(atende.db, plan.settleMs);
        // The step's whole cost, whatever the machine's other load: CPU until all of it was processed, per message stored.
        const storedInStep = await countStored(atende, meta.channelId, prefix);
        const cpuMsPerMessage = storedInStep ? round(((cpu.totalSeconds() - cpuBefore) * 1000) / storedInStep, 3) : null;
        ctx.log(`${sizeLabel(messages)}: ${storedInStep} of ${step.texts} stored, ${cpuMsPerMessage} ms CPU per message (Atende + PostgreSQL)`);
        if (!settle.settled) ctx.log(`${sizeLabel(messages)}: still busy after ${plan.settleMs / 1000} s (${settle.pendingEvents} webhook events, ${settle.pendingOutbox} outbox events pending): timing anyway`);
        const { times: queries, backgroundCpuPct } = await timeQueries(atende.url, atende.pid, { agent: agentToken, admin: atende.adminToken }, await planQueries(atende, meta), plan.rounds, ctx.quick ? 3 : 10);
        ctx.log(`${sizeLabel(messages)}: ${Object.entries(queries).map(([n, t]) => `${n} ${t.p50}/${t.p95} (cpu ${t.cpuP50})`).join(', ')} ms (p50/p95)`);
        sizes.push({
          messages,
          storedBeforeIngest: stored,
          dataset: { name: `growth-${sizeLabel(messages)}`, cached: !dataset.cache.built, buildSeconds: dataset.cache.buildSeconds, restoreSeconds: dataset.restoreSeconds, rows: meta.rows, generation: meta.seconds },
          startSeconds,
          loadAverage: round(os.loadavg()[0], 1),
          ingest: {
            offeredPerSec: step.offeredPerSec, achievedPerSec: step.achievedPerSec, ackP50Ms: step.ackMs.p50, ackP99Ms: step.ackMs.p99,
            processingLagMs: step.processingLagMs, drained: step.drained, texts: step.texts, messageRows: step.messageRows,
            lost: Math.max(0, step.texts - storedInStep),
            duplicateRows: step.duplicateRows, atendeCpuPct: step.sendAndDrain.atendeCpuPct, pgCpuPct: step.sendAndDrain.pgCpuPct,
            storedAfterSettle: storedInStep, cpuMsPerMessage,
          },
          settle,
          backgroundCpuPct,
          queries,
        });
      } finally {
        await atende.stop();
        await sandbox.close();
      }
    }
    const result = summarize(sizes, plan);
    return { json: { growth: result }, markdown: renderGrowth(result) };
  },
};

/**
 * Reads are timed on a quiet server: every webhook event processed and every due outbox event
 * (routing, realtime) dispatched, so the CPU charged to a request is the request's own.
 */
async function settleDown(db: Atende['db'], limitMs: number) {
  const t0 = performance.now();
  for (;;) {
    const { rows } = await db.query<{ events: number; outbox: number }>(
      `select (select count(*) from whatsapp_events where processed_at is null)::int as events,
              (select count(*) from outbox_events where dispatched_at is null and available_at <= now())::int as outbox`,
    );
    const [pendingEvents, pendingOutbox] = [rows[0].events, rows[0].outbox];
    const settled = pendingEvents === 0 && pendingOutbox === 0;
    if (settled || performance.now() - t0 >= limitMs) return { settled, seconds: round((performance.now() - t0) / 1000, 1), pendingEvents, pendingOutbox };
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** The step's messages stored so far (one index range: workspace, channel, provider id prefix). */
async function countStored(atende: Atende, channelId: string, prefix: string) {
  const { rows } = await atende.db.query<{ n: number }>(
    `select count(*)::int as n from messages where workspace_id = $1 and channel_id = $2 and external_id like $3`,
    [atende.workspaceId, channelId, `${prefix}%`],
  );
  return rows[0].n;
}

/** Ratios of the largest size to size 0, per query; the worst is the headline. */
function summarize(sizes: SizeResult[], plan: { seconds: number; rounds: number }): GrowthResult {
  const [first, last] = [sizes[0], sizes.at(-1)!];
  const ratios: GrowthResult['ratios'] = {};
  for (const name of Object.keys(first.queries)) {
    const [a, b] = [first.queries[name], last.queries[name]];
    ratios[name] = { p50: round(b.p50 / a.p50), p95: round(b.p95 / a.p95), cpuP50: round(b.cpuP50 / a.cpuP50) };
  }
  const worst = (k: 'p50' | 'p95' | 'cpuP50') => Math.max(...Object.values(ratios).map((r) => r[k]));
  return {
    settings: { ingestRate: INGEST.rate, ingestSeconds: plan.seconds, contacts: INGEST.contacts, queryRounds: plan.rounds },
    sizes,
    ratios,
    worstRatio: worst('p50'),
    worstRatioP95: worst('p95'),
    worstCpuRatio: worst('cpuP50'),
    ingestAckP99Ratio: round(last.ingest.ackP99Ms / first.ingest.ackP99Ms),
    ingestCpuRatio: first.ingest.cpuMsPerMessage && last.ingest.cpuMsPerMessage ? round(last.ingest.cpuMsPerMessage / first.ingest.cpuMsPerMessage) : null,
  };
}
