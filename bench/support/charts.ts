import { launchBrowser } from '../../e2e/support/browser';

/**
 * Line charts for `latest.md`, drawn as SVG by hand (a few series, straight lines, no library)
 * and turned into PNG by Debian's Chromium, the browser the journeys already use.
 */

export interface Series {
  name: string;
  color: string;
  points: [number, number][];
  dashed?: boolean;
}

export interface Chart {
  title: string;
  xLabel: string;
  yLabel: string;
  series: Series[];
  /** Vertical marks with a label (e.g. where each step begins). */
  marks?: { x: number; label: string }[];
  /** Log scale for y (latencies that span 10 ms to 10 s). */
  logY?: boolean;
  /** Horizontal reference lines (targets). */
  targets?: { y: number; label: string }[];
}

const W = 900;
const H = 420;
const PAD = { left: 70, right: 170, top: 44, bottom: 52 };
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

/** Round numbers for the axis: 1, 2, 5 × 10^k. */
function ticks(min: number, max: number, count = 6): number[] {
  const raw = (max - min) / count;
  const p = 10 ** Math.floor(Math.log10(raw || 1));
  const step = [1, 2, 5, 10].map((m) => m * p).find((s) => s >= raw) ?? p * 10;
  const out: number[] = [];
  for (let v = Math.ceil(min / step) * step; v <= max + 1e-9; v += step) out.push(Math.round(v * 1e6) / 1e6);
  return out;
}

export function chartSvg(c: Chart): string {
  const all = c.series.flatMap((s) => s.points);
  const xs = all.map((p) => p[0]);
  const ys = [...all.map((p) => p[1]), ...(c.targets ?? []).map((t) => t.y)];
  const [x0, x1] = [Math.min(0, ...xs), Math.max(...xs, 1)];
  const yMin = c.logY ? Math.max(1, Math.min(...ys.filter((y) => y > 0))) : 0;
  const yMax = Math.max(...ys, 1) * (c.logY ? 1.5 : 1.1);
  const lo = c.logY ? Math.floor(Math.log10(yMin)) : 0;
  const hi = c.logY ? Math.ceil(Math.log10(yMax)) : yMax;
  const px = (x: number) => PAD.left + ((x - x0) / (x1 - x0 || 1)) * (W - PAD.left - PAD.right);
  const py = (y: number) => {
    const v = c.logY ? Math.log10(Math.max(y, 10 ** lo)) : y;
    return H - PAD.bottom - ((v - lo) / (hi - lo || 1)) * (H - PAD.top - PAD.bottom);
  };
  const yTicks = c.logY ? Array.from({ length: hi - lo + 1 }, (_, i) => 10 ** (lo + i)) : ticks(0, yMax);
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" font-family="DejaVu Sans, Arial, sans-serif" font-size="12">`,
    `<rect width="${W}" height="${H}" fill="#fff"/>`,
    `<text x="${PAD.left}" y="24" font-size="15" font-weight="bold" fill="#1f2937">${esc(c.title)}</text>`,
  ];
  for (const y of yTicks) {
    parts.push(`<line x1="${PAD.left}" x2="${W - PAD.right}" y1="${py(y)}" y2="${py(y)}" stroke="#e5e7eb"/>`);
    parts.push(`<text x="${PAD.left - 8}" y="${py(y) + 4}" text-anchor="end" fill="#4b5563">${y.toLocaleString('en')}</text>`);
  }
  for (const x of ticks(x0, x1)) {
    parts.push(`<text x="${px(x)}" y="${H - PAD.bottom + 18}" text-anchor="middle" fill="#4b5563">${x.toLocaleString('en')}</text>`);
  }
  parts.push(`<line x1="${PAD.left}" x2="${W - PAD.right}" y1="${H - PAD.bottom}" y2="${H - PAD.bottom}" stroke="#9ca3af"/>`);
  parts.push(`<line x1="${PAD.left}" x2="${PAD.left}" y1="${PAD.top}" y2="${H - PAD.bottom}" stroke="#9ca3af"/>`);
  parts.push(`<text x="${(PAD.left + W - PAD.right) / 2}" y="${H - 12}" text-anchor="middle" fill="#374151">${esc(c.xLabel)}</text>`);
  parts.push(`<text transform="translate(18 ${(PAD.top + H - PAD.bottom) / 2}) rotate(-90)" text-anchor="middle" fill="#374151">${esc(c.yLabel)}</text>`);
  for (const m of c.marks ?? []) {
    parts.push(`<line x1="${px(m.x)}" x2="${px(m.x)}" y1="${PAD.top}" y2="${H - PAD.bottom}" stroke="#d1d5db" stroke-dasharray="3 3"/>`);
    parts.push(`<text x="${px(m.x) + 4}" y="${PAD.top + 12}" fill="#6b7280" font-size="11">${esc(m.label)}</text>`);
  }
  for (const t of c.targets ?? []) {
    parts.push(`<line x1="${PAD.left}" x2="${W - PAD.right}" y1="${py(t.y)}" y2="${py(t.y)}" stroke="#dc2626" stroke-dasharray="6 4"/>`);
    parts.push(`<text x="${W - PAD.right + 6}" y="${py(t.y) + 4}" fill="#dc2626" font-size="11">${esc(t.label)}</text>`);
  }
  c.series.forEach((s, i) => {
    const d = s.points.map(([x, y], k) => `${k ? 'L' : 'M'}${px(x).toFixed(1)},${py(y).toFixed(1)}`).join(' ');
    parts.push(`<path d="${d}" fill="none" stroke="${s.color}" stroke-width="2"${s.dashed ? ' stroke-dasharray="5 4"' : ''}/>`);
    for (const [x, y] of s.points.length <= 12 ? s.points : []) parts.push(`<circle cx="${px(x)}" cy="${py(y)}" r="3" fill="${s.color}"/>`);
    const ly = PAD.top + 34 + i * 20;
    parts.push(`<line x1="${W - PAD.right + 6}" x2="${W - PAD.right + 26}" y1="${ly}" y2="${ly}" stroke="${s.color}" stroke-width="2"${s.dashed ? ' stroke-dasharray="5 4"' : ''}/>`);
    parts.push(`<text x="${W - PAD.right + 32}" y="${ly + 4}" fill="#111827">${esc(s.name)}</text>`);
  });
  parts.push('</svg>');
  return parts.join('\n');
}

/**
 * Writes each chart as a PNG. Returns false (and writes nothing) when the browser is missing:
 * the numbers stay in the tables, the pictures are a convenience.
 */
export async function writeChartPngs(charts: { file: string; chart: Chart }[]): Promise<boolean> {
  let browser;
  try {
    browser = await launchBrowser();
  } catch {
    return false;
  }
  try {
    const page = await browser.newPage({ viewport: { width: W, height: H } });
    for (const { file, chart } of charts) {
      await page.setContent(`<html><body style="margin:0">${chartSvg(chart)}</body></html>`);
      await page.locator('svg').screenshot({ path: file });
    }
    return true;
  } finally {
    await browser.close();
  }
}
