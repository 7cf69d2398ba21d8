/**
 * A bench scenario: it starts what it needs (usually its own Atende on a fresh database, see
 * support/atende.ts), measures, stops everything, and returns its part of `latest.json` plus a
 * readable markdown section for `latest.md`.
 */
export interface ScenarioContext {
  /** `--quick`: the same scenario, smaller, so the whole run stays under 2 minutes. */
  quick: boolean;
  /** `--profile`: where Atende processes should write V8 CPU profiles, or null. */
  profileDir: string | null;
  /** The floors measured earlier in this run, to report other figures as ratios of them. */
  floors?: { helloPerSec: number; insertPerSec: number };
  log(line: string): void;
}

export interface ScenarioResult {
  /** Merged at the top level of latest.json (e.g. `{ ingest: {...}, memory: {...} }`). */
  json: Record<string, unknown>;
  markdown: string;
}

export interface Scenario {
  name: string;
  run(ctx: ScenarioContext): Promise<ScenarioResult>;
}
