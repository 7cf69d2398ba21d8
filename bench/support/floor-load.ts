import net from 'node:net';
import { pct, round } from './stats';

/**
 * Closed-loop HTTP load over loopback: N keep-alive connections, each sending its next request
 * as soon as the previous answer arrived, for a fixed time after a warm-up. It speaks just
 * enough HTTP/1.1 on raw sockets (GET, Content-Length answers) to spend as little of the
 * shared CPU as possible: node's http client costs more per request than a bare Fastify route,
 * and every cycle it burns is taken from the server being measured.
 *
 * argv: JSON LoadInput. Prints one JSON LoadOutput line.
 */

export interface LoadInput {
  host: '127.0.0.1';
  port: number;
  path: string;
  connections: number;
  warmupSeconds: number;
  seconds: number;
}

export interface LoadOutput {
  requests: number;
  errors: number;
  firstError?: string;
  seconds: number;
  perSec: number;
  latencyMs: { p50: number; p99: number; max: number };
}

const input = JSON.parse(process.argv[2] ?? '{}') as LoadInput;
if (input.host !== '127.0.0.1') throw new Error('floor-load only targets 127.0.0.1');
const request = Buffer.from(`GET ${input.path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\n\r\n`);

const latencies: number[] = [];
let errors = 0;
let firstError: string | undefined;
let measuring = false;
let stopping = false;

/** One connection's loop; resolves when the run is over. */
function connection(): Promise<void> {
  return new Promise((done) => {
    const socket = net.connect({ host: input.host, port: input.port, noDelay: true });
    let buf = Buffer.alloc(0);
    let sentAt = 0;
    const send = () => {
      if (stopping) {
        socket.end();
        return done();
      }
      sentAt = performance.now();
      socket.write(request);
    };
    const fail = (why: string) => {
      errors++;
      firstError ??= why;
    };
    socket.on('connect', send);
    socket.on('error', (err) => {
      fail(err.message);
      done();
    });
    socket.on('data', (chunk) => {
      buf = buf.length ? Buffer.concat([buf, chunk]) : chunk;
      for (;;) {
        const headEnd = buf.indexOf('\r\n\r\n');
        if (headEnd < 0) return;
        const head = buf.subarray(0, headEnd).toString('latin1');
        const length = Number(/\r\ncontent-length:\s*(\d+)/i.exec(head)?.[1] ?? NaN);
        if (Number.isNaN(length)) {
          fail(`no content-length: ${head.slice(0, 120)}`);
          socket.destroy();
          return done();
        }
        const total = headEnd + 4 + length;
        if (buf.length < total) return;
        const status = Number(head.slice(9, 12));
        buf = buf.subarray(total);
        if (measuring) {
          if (status === 200) latencies.push(performance.now() - sentAt);
          else fail(`HTTP ${status}`);
        }
        send();
      }
    });
  });
}


async function main() {
  const loops = Array.from({ length: input.connections }, connection);
  await new Promise((r) => setTimeout(r, input.warmupSeconds * 1000));
  measuring = true;
  const t0 = performance.now();
  await new Promise((r) => setTimeout(r, input.seconds * 1000));
  measuring = false;
  const elapsed = (performance.now() - t0) / 1000;
  stopping = true;
  await Promise.all(loops);
  const sorted = latencies.sort((a, b) => a - b);
  const out: LoadOutput = {
    requests: sorted.length,
    errors,
    firstError,
    seconds: round(elapsed),
    perSec: round(sorted.length / elapsed),
    latencyMs: { p50: round(pct(sorted, 50)), p99: round(pct(sorted, 99)), max: round(sorted.at(-1) ?? 0) },
  };
  console.log(JSON.stringify(out));
}

void main();
