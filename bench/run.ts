import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Scenario, ScenarioContext } from './scenario';
import { ingest } from './scenarios/ingest';
import { floors } from './scenarios/floors';
import { routing } from './scenarios/routing';
import { timers } from './scenarios/timers';
import { fanout } from './scenarios/fanout';
import { growth } from './scenarios/growth';
import { contacts } from './scenarios/contacts';

/**
 * `npm run bench [-- --quick] [--only ingest,timers] [--profile]`: runs the scenarios of issue 7
 * one after the other, each on its own Atende and database, and writes
 * `bench/results/latest.json` and the readable `latest.md`. Everything is bounded in count and
 * time and talks only to 127.0.0.1.
 */

const here = path.dirname(fileURLToPath(import.meta.url));
const argValue = (name: string) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
};

/** In run order: the floors first, so later scenarios can report ratios to them. */
const scenarios: Scenario[] = [floors, ingest, growth, routing, timers, fanout, contacts];

async function main() {
  const started = Date.now();
  const quick = process.argv.includes('--quick');
  const only = argValue('--only')?.split(',');
  const unknown = only?.filter((n) => !scenarios.some((s) => s.name === n)) ?? [];
  if (unknown.length) throw new Error(`--only: no scenario named ${unknown.join(', ')} (there are: ${scenarios.map((s) => s.name).join(', ')})`);
  const profileDir = process.argv.includes('--profile') ? path.join(os.tmpdir(), `atende-bench-profile-${Date.now()}`) : null;

  const json: Record<string, unknown> = {
    mode: quick ? 'quick' : 'full',
    startedAt: new Date(started).toISOString(),
    machine: { nproc: os.availableParallelism(), cpu: os.cpus()[0]?.model ?? 'unknown', memoryMb: Math.round(os.totalmem() / 2 ** 20), node: process.version, platform: `${os.type()} ${os.release()}` },
    scenarios: {} as Record<string, { seconds: number; error?: string }>,
  };
  const sections: string[] = [];
  const ctx: ScenarioContext = { quick, profileDir, log: () => undefined };
  let failed = false;
  for (const scenario of scenarios.filter((s) => !only || only.includes(s.name))) {
    const t0 = Date.now();
    ctx.log = (line) => console.log(`bench ${scenario.name}: ${line}`);
    ctx.log(`starting (${quick ? 'quick' : 'full'})`);
    try {
      const result = await scenario.run(ctx);
      Object.assign(json, result.json);
      if (result.json.floors) ctx.floors = result.json.floors as ScenarioContext['floors'];
      sections.push(result.markdown);
      (json.scenarios as Record<string, unknown>)[scenario.name] = { seconds: Math.round((Date.now() - t0) / 1000) };
    } catch (err) {
      // One broken scenario must not hide the others' numbers; the run still exits non-zero.
      failed = true;
      console.error(err);
      (json.scenarios as Record<string, unknown>)[scenario.name] = { seconds: Math.round((Date.now() - t0) / 1000), error: String(err) };
      sections.push(`## ${scenario.name}\n\nFAILED: \`${String(err).slice(0, 500)}\`\n`);
    }
    ctx.log(`done in ${Math.round((Date.now() - t0) / 1000)} s`);
  }
  json.durationSec = Math.round((Date.now() - started) / 1000);
  const m = json.machine as { nproc: number; cpu: string; memoryMb: number; node: string; platform: string };
  const markdown = [
    `# Atende bench — ${json.mode} run`,
    '',
    `${json.startedAt}, ${json.durationSec} s. Machine: ${m.nproc} CPU (${m.cpu}), ${m.memoryMb} MB, Node ${m.node}, ${m.platform}.`,
    'Everything on one box: Atende, its embedded PostgreSQL and the load generators share these cores.',
    '',
    ...sections,
  ].join('\n');
  mkdirSync(path.join(here, 'results'), { recursive: true });
  writeFileSync(path.join(here, 'results', 'latest.json'), `${JSON.stringify(json, null, 2)}\n`);
  writeFileSync(path.join(here, 'results', 'latest.md'), markdown);
  console.log(`bench: done in ${json.durationSec} s → bench/results/latest.{json,md}`);
  if (profileDir) console.log(`bench: Atende's CPU profiles go to ${profileDir} when it stops`);
  return failed;
}

main().then((failed) => process.exit(failed ? 1 : 0), (err) => {
  console.error(err);
  process.exit(1);
});
