import { readdirSync, readFileSync } from 'node:fs';

/**
 * CPU time Atende and its PostgreSQL spend, in nanoseconds, from /proc/<pid>/schedstat (Linux):
 * exact enough to charge a single request, and — unlike wall time — barely moved by what else this
 * shared two-core machine runs. Atende counts all its threads; PostgreSQL all its processes (the
 * descendants of Atende, where the embedded server runs).
 */

function schedNs(path: string): number {
  try {
    return Number(readFileSync(path, 'utf8').split(' ')[0]);
  } catch {
    return 0; // gone between listing and reading
  }
}

export class ServerCpu {
  private pgPids: number[] = [];
  constructor(private readonly atendePid: number) {
    this.refresh();
  }

  /** Re-reads the process tree (a pool may have opened or closed backends). */
  refresh() {
    const parentOf = new Map<number, number>();
    for (const d of readdirSync('/proc')) {
      if (!/^\d+$/.test(d)) continue;
      try {
        const raw = readFileSync(`/proc/${d}/stat`, 'utf8');
        parentOf.set(Number(d), Number(raw.slice(raw.lastIndexOf(')') + 2).split(' ')[1]));
      } catch {
        // ended meanwhile
      }
    }
    const children = new Map<number, number[]>();
    for (const [pid, ppid] of parentOf) children.set(ppid, [...(children.get(ppid) ?? []), pid]);
    const out: number[] = [];
    const stack = [...(children.get(this.atendePid) ?? [])];
    while (stack.length) {
      const pid = stack.pop()!;
      out.push(pid);
      stack.push(...(children.get(pid) ?? []));
    }
    this.pgPids = out;
  }

  /**
   * CPU seconds so far, including processes that ended (a pool closes idle backends): each
   * process's own time plus what its finished children used (cutime/cstime, added when reaped).
   * Tick resolution (10 ms): for intervals of seconds, such as an ingest step.
   */
  totalSeconds(): number {
    this.refresh();
    let ticks = 0;
    for (const pid of [this.atendePid, ...this.pgPids]) {
      try {
        const raw = readFileSync(`/proc/${pid}/stat`, 'utf8');
        const f = raw.slice(raw.lastIndexOf(')') + 2).split(' ');
        ticks += Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14]);
      } catch {
        // ended meanwhile: its time is in its parent's cutime from now on
      }
    }
    return ticks / 100;
  }

  /** CPU nanoseconds used so far by Atende's threads and the processes under it. */
  nowNs(): number {
    let ns = 0;
    try {
      for (const t of readdirSync(`/proc/${this.atendePid}/task`)) ns += schedNs(`/proc/${this.atendePid}/task/${t}/schedstat`);
    } catch {
      // Atende gone: the caller's request fails on its own
    }
    for (const pid of this.pgPids) ns += schedNs(`/proc/${pid}/schedstat`);
    return ns;
  }
}
