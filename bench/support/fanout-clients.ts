import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Identity, InitArgs, Receipt, Role, SendResult } from './fanout-client';

const here = path.dirname(fileURLToPath(import.meta.url));

/** The parent's handle on one fan-out client process (fanout-client.ts), request by request. */
export interface FanoutClient {
  pid: number;
  connect(concurrency: number): Promise<{ totalMs: number; connectMs: number[]; failed: number; firstError?: string }>;
  burst(tag: string): Promise<SendResult & { startedAt: number }>;
  paced(tag: string, rate: number, seconds: number): Promise<SendResult>;
  receipts(prefix: string): Promise<Receipt[]>;
  stats(): Promise<{ sockets: number; framesReceived: number; rssMb: number }>;
  /** Closes the sockets and ends the process. */
  stop(): Promise<void>;
}

export async function startClient(base: string, role: Role, identities: Identity[], httpConnections: number): Promise<FanoutClient> {
  if (new URL(base).hostname !== '127.0.0.1') throw new Error('the fan-out clients only talk to 127.0.0.1');
  const child: ChildProcess = fork(path.join(here, 'fanout-client.ts'), [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const waiting = new Map<number, { ok: (v: unknown) => void; fail: (e: Error) => void }>();
  let nextId = 0;
  const exited = new Promise<void>((resolve) => child.on('exit', () => {
    for (const w of waiting.values()) w.fail(new Error(`fan-out ${role} client exited`));
    waiting.clear();
    resolve();
  }));
  child.on('message', (m: { id: number; ok: boolean; result?: unknown; error?: string }) => {
    const w = waiting.get(m.id);
    waiting.delete(m.id);
    if (m.ok) w?.ok(m.result);
    else w?.fail(new Error(`fan-out ${role} client: ${m.error}`));
  });
  const call = <T>(cmd: string, args: unknown = {}) => new Promise<T>((ok, fail) => {
    const id = nextId++;
    waiting.set(id, { ok: ok as (v: unknown) => void, fail });
    child.send({ id, cmd, args });
  });
  const stop = async () => {
    if (child.exitCode === null && child.connected) {
      await call('disconnect').catch(() => undefined);
      child.disconnect();
    }
    // Bounded: a client stuck closing thousands of sockets is killed.
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  };
  try {
    await call('init', { base, role, identities, httpConnections } satisfies InitArgs);
  } catch (err) {
    child.kill('SIGKILL');
    throw err;
  }
  return {
    pid: child.pid!,
    connect: (concurrency) => call('connect', { concurrency }),
    burst: (tag) => call('burst', { tag }),
    paced: (tag, rate, seconds) => call('paced', { tag, rate, seconds }),
    receipts: (prefix) => call('receipts', { prefix }),
    stats: () => call('stats'),
    stop,
  };
}
