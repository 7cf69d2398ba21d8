import WebSocket from 'ws';

/**
 * Reads Atende's memory after a full garbage collection, through the V8 inspector the bench
 * starts it with (`--inspect=127.0.0.1:0`, loopback only): what the heap still holds after a step
 * is what the step left behind, where RSS alone mixes in garbage not yet collected.
 */

export interface SettledMemory {
  heapUsedMb: number;
  rssMb: number;
  externalMb: number;
  arrayBuffersMb: number;
}

export interface HeapProbe {
  /** Full GC (twice, the second one catches what the first one's finalizers freed), then process.memoryUsage(). */
  settled(): Promise<SettledMemory>;
  /** Must run before the server stops: Node waits for an attached debugger to leave before it exits. */
  close(): Promise<void>;
}

/** `--inspect` flags for startAtende's nodeArgs. */
export const INSPECT_ARGS = ['--inspect=127.0.0.1:0'];

export async function attachHeapProbe(serverOutput: () => string): Promise<HeapProbe> {
  const m = /Debugger listening on (ws:\/\/127\.0\.0\.1:\d+\/[\w-]+)/.exec(serverOutput());
  if (!m) throw new Error('heap probe: the server was not started with --inspect');
  const ws = new WebSocket(m[1]);
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  let next = 0;
  const waiting = new Map<number, (r: { result?: unknown; error?: { message: string } }) => void>();
  ws.on('message', (data) => {
    const msg = JSON.parse(String(data)) as { id?: number; result?: unknown; error?: { message: string } };
    if (msg.id !== undefined) waiting.get(msg.id)?.(msg);
  });
  const call = (method: string, params: Record<string, unknown> = {}) =>
    new Promise<unknown>((resolve, reject) => {
      const id = ++next;
      const timer = setTimeout(() => reject(new Error(`heap probe: ${method} timed out`)), 60_000);
      waiting.set(id, (r) => {
        clearTimeout(timer);
        waiting.delete(id);
        if (r.error) reject(new Error(`heap probe: ${method}: ${r.error.message}`));
        else resolve(r.result);
      });
      ws.send(JSON.stringify({ id, method, params }));
    });
  const mb = (n: number) => Math.round((n / 2 ** 20) * 10) / 10;
  return {
    async settled() {
      await call('HeapProfiler.collectGarbage');
      await new Promise((r) => setTimeout(r, 200));
      await call('HeapProfiler.collectGarbage');
      const r = (await call('Runtime.evaluate', { expression: 'JSON.stringify(process.memoryUsage())', returnByValue: true })) as { result: { value: string } };
      const u = JSON.parse(r.result.value) as NodeJS.MemoryUsage;
      return { heapUsedMb: mb(u.heapUsed), rssMb: mb(u.rss), externalMb: mb(u.external), arrayBuffersMb: mb(u.arrayBuffers) };
    },
    async close() {
      if (ws.readyState === WebSocket.CLOSED) return;
      await new Promise<void>((resolve) => {
        ws.once('close', () => resolve());
        ws.close();
        setTimeout(resolve, 2_000);
      });
    },
  };
}
