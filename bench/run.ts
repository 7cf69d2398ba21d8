import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { startWhatsappSandbox } from '../sandbox/whatsapp';
import { freePort, startServerProcess, type ServerProcess } from '../e2e/support/server-process';
import type { StepInput, StepOutput } from './load-generator';
import { sample, usage } from './proc-stats';
import { setUpWorkspace, WA } from './setup';
import { renderMarkdown, type StepResult } from './report';

/**
 * `npm run bench [-- --quick]`: the WhatsApp ingest scenario of issue 7. Atende runs as a child
 * process on a fresh embedded PostgreSQL; a separate load-generator process offers signed
 * webhooks at stepped rates over loopback; after each step we wait (bounded) for processing and
 * count what the database holds. Everything is bounded in count and time and stops by itself.
 */

const here = path.dirname(fileURLToPath(import.meta.url));
const quick = process.argv.includes('--quick');
/** `--profile`: Atende writes a V8 CPU profile (open in Chrome DevTools) to this folder on exit. */
const profileDir = process.argv.includes('--profile') ? path.join(os.tmpdir(), `atende-bench-profile-${Date.now()}`) : null;
const plan = quick
  ? { rates: [100, 250], seconds: 10, drainMs: 30_000 }
  : { rates: [250, 500, 1000, 2000], seconds: 20, drainMs: 60_000 };
/** `--rates 500,1000`: other steps (e.g. to profile one rate). */
const ratesArg = process.argv.indexOf('--rates');
if (ratesArg > 0) plan.rates = process.argv[ratesArg + 1].split(',').map(Number);
const CONTACTS = 2000;
const CONCURRENCY = 64;
const runTag = `wamid.bench.${Date.now().toString(36)}`;

function runGenerator(input: StepInput): Promise<StepOutput> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(here, 'load-generator.ts'), JSON.stringify(input)], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    // Bounded: a generator that hangs past its hard stop plus request timeouts is killed.
    const killer = setTimeout(() => child.kill('SIGKILL'), input.seconds * 3000 + 30_000);
    child.on('exit', (code) => {
      clearTimeout(killer);
      const line = out.trim().split('\n').at(-1);
      if (code === 0 && line) resolve(JSON.parse(line) as StepOutput);
      else reject(new Error(`load generator exited with ${code}: ${out}`));
    });
  });
}

interface DbCounts { events: number; pending: number; messages: number; duplicateRows: number; lastStoredAt: number | null }

async function countStep(db: pg.Client, channelId: string, prefix: string): Promise<DbCounts> {
  const like = `${prefix}%`;
  const ev = await db.query(
    `select count(*)::int as events, count(*) filter (where processed_at is null)::int as pending,
            extract(epoch from max(processed_at) filter (where kind = 'message')) * 1000 as last
       from whatsapp_events where channel_id = $1 and event_key like $2`, [channelId, like]);
  const ms = await db.query(
    `select count(*)::int as messages, (count(*) - count(distinct external_id))::int as dup
       from messages where channel_id = $1 and external_id like $2`, [channelId, like]);
  return {
    events: ev.rows[0].events,
    pending: ev.rows[0].pending,
    messages: ms.rows[0].messages,
    duplicateRows: ms.rows[0].dup,
    // messages.created_at carries WhatsApp's own timestamp; the event's processed_at is set in
    // the same transaction that inserts the message row, so it is the moment it was stored.
    lastStoredAt: ev.rows[0].last === null ? null : Math.round(Number(ev.rows[0].last)),
  };
}

async function drain(db: pg.Client, channelId: string, prefix: string, texts: number) {
  const deadline = Date.now() + plan.drainMs;
  for (;;) {
    const c = await countStep(db, channelId, prefix);
    if ((c.messages >= texts && c.pending === 0) || Date.now() >= deadline) return { ...c, drained: c.messages >= texts && c.pending === 0 };
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function stop(server: ServerProcess) {
  server.child.kill('SIGTERM');
  const timer = setTimeout(() => server.child.kill('SIGKILL'), 15_000);
  await server.exited;
  clearTimeout(timer);
}

async function main() {
  const started = Date.now();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'atende-bench-'));
  const [port, pgPort] = [await freePort(), await freePort()];
  const base = `http://127.0.0.1:${port}`;
  const sandbox = await startWhatsappSandbox({ port: 0, host: '127.0.0.1', webhookUrl: `${base}/webhooks/whatsapp`, ...WA });
  let server: ServerProcess | null = null;
  const db = new pg.Client({ connectionString: `postgres://postgres:postgres@127.0.0.1:${pgPort}/postgres` });
  try {
    console.log(`bench: starting Atende (${quick ? 'quick' : 'full'} run, data in ${dataDir})`);
    server = await startServerProcess({
      PORT: String(port), HOST: '127.0.0.1', EMBEDDED_PG_PORT: String(pgPort), DATA_DIR: dataDir, LOG_LEVEL: 'warn',
      ATENDE_BOOTSTRAP_WORKSPACE: 'Bench', ATENDE_BOOTSTRAP_ADMIN_LOGIN: 'admin', ATENDE_BOOTSTRAP_ADMIN_PASSWORD: 'Admin@2026',
    }, undefined, profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []);
    const pid = server.child.pid!;
    await db.connect();
    const { channelId } = await setUpWorkspace(base, sandbox.url);
    const idle = sample(pid);
    console.log(`bench: ready in ${((Date.now() - started) / 1000).toFixed(1)} s, idle RSS ${idle.atendeRssMb} MB`);

    const steps: StepResult[] = [];
    for (const [i, rate] of plan.rates.entries()) {
      const prefix = `${runTag}.s${i}.`;
      const before = sample(pid);
      const gen = await runGenerator({
        url: base, appSecret: WA.appSecret, phoneNumberId: WA.phoneNumberId, wabaId: WA.wabaId,
        rate, seconds: plan.seconds, prefix, contacts: CONTACTS, concurrency: CONCURRENCY,
      });
      const sent = sample(pid);
      const counts = await drain(db, channelId, prefix, gen.texts);
      const after = sample(pid);
      const step: StepResult = {
        offeredPerSec: rate,
        achievedPerSec: gen.achievedPerSec,
        ackMs: gen.ackMs,
        processingLagMs: counts.lastStoredAt === null ? null : Math.max(0, counts.lastStoredAt - gen.lastSendAt),
        drained: counts.drained,
        sent: gen.sent,
        acked: gen.ok,
        errors: gen.errors,
        firstError: gen.firstError,
        texts: gen.texts,
        statuses: gen.statuses,
        storedEvents: counts.events,
        pendingEvents: counts.pending,
        messageRows: counts.messages,
        lost: Math.max(0, gen.texts - counts.messages),
        duplicatesInjected: gen.duplicatesInjected,
        duplicatesAckedAsIgnored: gen.duplicatesAcked,
        duplicateRows: counts.duplicateRows,
        whileSending: usage(before, sent),
        sendAndDrain: usage(before, after),
      };
      steps.push(step);
      console.log(`bench: ${rate} msg/s → ${step.achievedPerSec}/s, ack p50 ${step.ackMs.p50} p99 ${step.ackMs.p99} max ${step.ackMs.max} ms, lag ${step.processingLagMs} ms, rows ${step.messageRows}/${step.texts}, dup rows ${step.duplicateRows}${step.drained ? '' : ' (NOT drained in time)'}`);
    }

    // The headline: the highest step Atende took whole (every message stored, nothing left pending).
    const clean = steps.filter((s) => s.drained && s.lost === 0 && s.errors === 0 && s.duplicateRows === 0);
    const best = clean.at(-1) ?? null;
    const result = {
      scenario: 'whatsapp-ingest',
      mode: quick ? 'quick' : 'full',
      startedAt: new Date(started).toISOString(),
      durationSec: Math.round((Date.now() - started) / 1000),
      machine: { nproc: os.availableParallelism(), cpu: os.cpus()[0]?.model ?? 'unknown', memoryMb: Math.round(os.totalmem() / 2 ** 20), node: process.version, platform: `${os.type()} ${os.release()}` },
      settings: { stepSeconds: plan.seconds, contacts: CONTACTS, concurrency: CONCURRENCY, mix: '~94% text, ~5% read statuses, ~1% exact duplicate deliveries', drainLimitSec: plan.drainMs / 1000 },
      memory: { idleRssMb: idle.atendeRssMb },
      ingest: {
        sustainedMsgPerSec: best?.achievedPerSec ?? 0,
        // Acknowledging is not the whole job: how fast the stored events became messages.
        processedMsgPerSec: best ? Math.round((best.storedEvents / (plan.seconds + (best.processingLagMs ?? 0) / 1000)) * 10) / 10 : 0,
        p99AckMs: best?.ackMs.p99 ?? null,
        lost: steps.reduce((n, s) => n + s.lost, 0),
        duplicated: steps.reduce((n, s) => n + s.duplicateRows, 0),
        steps,
      },
    };
    mkdirSync(path.join(here, 'results'), { recursive: true });
    writeFileSync(path.join(here, 'results', 'latest.json'), `${JSON.stringify(result, null, 2)}\n`);
    writeFileSync(path.join(here, 'results', 'latest.md'), renderMarkdown(result));
    console.log(`bench: done in ${result.durationSec} s → bench/results/latest.{json,md}`);
    if (profileDir) console.log(`bench: Atende's CPU profile goes to ${profileDir} when it stops`);
  } finally {
    await db.end().catch(() => undefined);
    if (server) await stop(server);
    await sandbox.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().then(() => process.exit(0), (err) => {
  console.error(err);
  process.exit(1);
});
