import type { Atende } from './atende';

/**
 * Watches a fill: from the trigger until the workspace has `capacity` conversations in service,
 * polling the database (the time a pass commits is when its agents can see their conversations).
 */
export interface Fill {
  /** From the trigger's start until every slot was seen filled; null if not within the limit. */
  fillMs: number | null;
  firstAssignmentMs: number | null;
  /** How long the trigger itself took (e.g. every presence call answered). */
  triggerMs: number;
  /** Thinned [ms, active] samples of the fill curve. */
  timeline: [number, number][];
}

const POLL_MS = 20;

export async function watchFill(atende: Atende, capacity: number, trigger: () => Promise<void>, limitMs = 60_000): Promise<Fill> {
  const started = performance.now();
  const timeline: [number, number][] = [];
  let firstAssignmentMs: number | null = null;
  const watching = (async () => {
    while (performance.now() - started < limitMs) {
      const r = await atende.db.query(`select count(*)::int as n from conversations where workspace_id = $1 and status = 'active'`, [atende.workspaceId]);
      const at = Math.round(performance.now() - started);
      const n = Number(r.rows[0].n);
      timeline.push([at, n]);
      if (n > 0) firstAssignmentMs ??= at;
      if (n >= capacity) return at;
      await new Promise((res) => setTimeout(res, POLL_MS));
    }
    return null;
  })();
  await trigger();
  const triggerMs = Math.round(performance.now() - started);
  const fillMs = await watching;
  return { fillMs, firstAssignmentMs, triggerMs, timeline: thin(timeline, 30) };
}

function thin(points: [number, number][], n: number) {
  const step = Math.max(1, Math.ceil(points.length / n));
  return points.filter((_, i) => i % step === 0 || i === points.length - 1);
}
