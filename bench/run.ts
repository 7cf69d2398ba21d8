import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
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
  const sections = new Map<string, string>();
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
      sections.set(scenario.name, result.markdown);
      (json.scenarios as Record<string, ScenarioEntry>)[scenario.name] = { seconds: Math.round((Date.now() - t0) / 1000), startedAt: new Date(t0).toISOString(), keys: Object.keys(result.json), markdown: result.markdown };
    } catch (err) {
      // One broken scenario must not hide the others' numbers; the run still exits non-zero.
      failed = true;
      console.error(err);
      const markdown = `## ${scenario.name}\n\nFAILED: \`${String(err).slice(0, 500)}\`\n`;
      sections.set(scenario.name, markdown);
      (json.scenarios as Record<string, ScenarioEntry>)[scenario.name] = { seconds: Math.round((Date.now() - t0) / 1000), startedAt: new Date(t0).toISOString(), keys: [], error: String(err), markdown };
    }
    ctx.log(`done in ${Math.round((Date.now() - t0) / 1000)} s`);
  }
  json.durationSec = Math.round((Date.now() - started) / 1000);
  const latestJson = path.join(here, 'results', 'latest.json');
  if (only) keepEarlierResults(latestJson, json, sections);
  const m = json.machine as { nproc: number; cpu: string; memoryMb: number; node: string; platform: string };
  const markdown = [
    `# Atende bench — ${json.mode} run`,
    '',
    `${json.startedAt}, ${json.durationSec} s. Machine: ${m.nproc} CPU (${m.cpu}), ${m.memoryMb} MB, Node ${m.node}, ${m.platform}.`,
    'Everything on one box: Atende, its embedded PostgreSQL and the load generators share these cores.',
    '',
    `Scenarios (start, seconds): ${scenarios.flatMap((s) => {
      const e = (json.scenarios as Record<string, ScenarioEntry>)[s.name];
      return e ? [`${s.name} ${e.startedAt.slice(0, 16).replace('T', ' ')} UTC, ${e.seconds} s${e.error ? ' (failed)' : ''}`] : [];
    }).join('; ')}.`,
    '',
    ...scenarios.flatMap((s) => sections.get(s.name) ?? []),
  ].join('\n');
  mkdirSync(path.join(here, 'results'), { recursive: true });
  writeFileSync(latestJson, `${JSON.stringify(json, null, 2)}\n`);
  writeFileSync(path.join(here, 'results', 'latest.md'), markdown);
  console.log(`bench: done in ${json.durationSec} s → bench/results/latest.{json,md}`);
  if (profileDir) console.log(`bench: Atende's CPU profiles go to ${profileDir} when it stops`);
  return failed;
}

interface ScenarioEntry {
  seconds: number;
  startedAt: string;
  /** The top-level keys of latest.json this scenario wrote. */
  keys: string[];
  error?: string;
  markdown: string;
}

/**
 * A run with --only keeps the other scenarios' last results of the same mode, each with its own
 * start time, so a long full run can be done (or redone) a scenario at a time.
 */
function keepEarlierResults(file: string, json: Record<string, unknown>, sections: Map<string, string>) {
  if (!existsSync(file)) return;
  const earlier = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown> & { mode?: string; scenarios?: Record<string, ScenarioEntry> };
  if (earlier.mode !== json.mode || !earlier.scenarios) return;
  const ran = json.scenarios as Record<string, ScenarioEntry>;
  for (const [name, entry] of Object.entries(earlier.scenarios)) {
    if (ran[name] || typeof entry.markdown !== 'string' || !Array.isArray(entry.keys)) continue;
    ran[name] = entry;
    for (const key of entry.keys) json[key] = earlier[key];
    sections.set(name, entry.markdown);
  }
}

main().then((failed) => process.exit(failed ? 1 : 0), (err) => {
  console.error(err);
  process.exit(1);
});
