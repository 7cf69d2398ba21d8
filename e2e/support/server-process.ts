import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

export async function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const s = net.createServer();
    s.once('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => ok(port));
    });
  });
}

export interface ServerProcess {
  child: ChildProcess;
  url: string;
  output: () => string;
  exited: Promise<number | null>;
}

/** Runs the real Atende entry point (`node --import tsx server/src/main.ts`) as a child process. */
export async function startServerProcess(env: Record<string, string>, timeoutMs = 90_000, nodeArgs: string[] = []): Promise<ServerProcess> {
  const port = Number(env.PORT ?? (await freePort()));
  let out = '';
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', 'server/src/main.ts'], {
    cwd: root,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      LOG_LEVEL: 'warn',
      HOST: '127.0.0.1',
      // Test files run in parallel: each embedded PostgreSQL gets its own port.
      EMBEDDED_PG_PORT: String(await freePort()),
      ...env,
      PORT: String(port),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<number | null>((ok) => child.on('exit', (code) => ok(code)));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${out}`);
    // A worker serves no HTTP: it is ready when it says so.
    const ready = env.ATENDE_ROLE === 'worker'
      ? out.includes('Atende worker is running')
      : await fetch(`${url}/readyz`).then((r) => r.ok).catch(() => false);
    if (ready) return { child, url, output: () => out, exited };
    await new Promise((r) => setTimeout(r, 250));
  }
  child.kill('SIGKILL');
  throw new Error(`server did not become ready:\n${out}`);
}
