import { readdirSync, readFileSync } from 'node:fs';

/**
 * CPU and memory of a process and of its descendants, read from /proc (Linux), so the bench
 * needs no extra tool. Embedded PostgreSQL runs as a child of Atende: its backends are the
 * descendants, reported apart so the two costs do not mix.
 */

const TICKS_PER_SEC = 100; // USER_HZ is 100 on every mainstream Linux build.

interface Stat { pid: number; ppid: number; cpuSec: number }

function readStat(pid: number): Stat | null {
  try {
    const raw = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name may hold spaces and parentheses: split after the last ')'.
    const f = raw.slice(raw.lastIndexOf(')') + 2).split(' ');
    return { pid, ppid: Number(f[1]), cpuSec: (Number(f[11]) + Number(f[12])) / TICKS_PER_SEC };
  } catch {
    return null; // The process ended between listing and reading.
  }
}

function rssMb(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Math.round(Number(m[1]) / 1024) : 0;
  } catch {
    return 0;
  }
}

export interface Sample { at: number; atendeCpuSec: number; atendeRssMb: number; pgCpuSec: number }

export function sample(pid: number): Sample {
  const all = readdirSync('/proc').filter((d) => /^\d+$/.test(d)).map((d) => readStat(Number(d))).filter((s): s is Stat => !!s);
  const children = new Map<number, Stat[]>();
  for (const s of all) children.set(s.ppid, [...(children.get(s.ppid) ?? []), s]);
  let pgCpuSec = 0;
  const stack = [...(children.get(pid) ?? [])];
  while (stack.length) {
    const s = stack.pop()!;
    pgCpuSec += s.cpuSec;
    stack.push(...(children.get(s.pid) ?? []));
  }
  return { at: Date.now(), atendeCpuSec: readStat(pid)?.cpuSec ?? 0, atendeRssMb: rssMb(pid), pgCpuSec };
}

/** CPU use between two samples, in percent of one core (200% = both cores of a 2-core box). */
export function usage(a: Sample, b: Sample) {
  const wall = Math.max(0.001, (b.at - a.at) / 1000);
  return {
    atendeCpuPct: Math.round(((b.atendeCpuSec - a.atendeCpuSec) / wall) * 100),
    pgCpuPct: Math.round(((b.pgCpuSec - a.pgCpuSec) / wall) * 100),
    atendeRssMbBefore: a.atendeRssMb,
    atendeRssMbAfter: b.atendeRssMb,
  };
}
