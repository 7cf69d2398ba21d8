/** Percentile of an ascending array (nearest rank), 0 when empty. */
export function pct(sorted: number[], p: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] : 0;
}

export const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;

/** p50/p95/p99/max of unsorted samples, rounded. */
export function summary(samples: number[]) {
  const s = [...samples].sort((a, b) => a - b);
  return { count: s.length, p50: round(pct(s, 50)), p95: round(pct(s, 95)), p99: round(pct(s, 99)), max: round(s.at(-1) ?? 0) };
}

/** One markdown table row; null shows as a dash. */
export const row = (cells: (string | number | null)[]) => `| ${cells.map((c) => (c === null ? '—' : String(c))).join(' | ')} |`;
