import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LoadInput, LoadOutput } from './floor-load';

const here = path.dirname(fileURLToPath(import.meta.url));

/** Runs a bench helper script (TypeScript, through tsx) as its own process. */
export function spawnScript(script: string, args: string[]): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', path.join(here, script), ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
}

/** Runs a helper that prints one JSON line at the end, killing it if it outlives `limitMs`. */
export function runJsonScript<T>(script: string, args: string[], limitMs: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = spawnScript(script, args);
    let out = '';
    child.stdout!.on('data', (d) => (out += d));
    const killer = setTimeout(() => child.kill('SIGKILL'), limitMs);
    child.on('exit', (code) => {
      clearTimeout(killer);
      const line = out.trim().split('\n').at(-1);
      if (code === 0 && line) resolve(JSON.parse(line) as T);
      else reject(new Error(`${script} exited with ${code}: ${out.slice(-500)}`));
    });
  });
}

/** The closed-loop load generator (floor-load.ts) against one path. */
export const runLoad = (input: LoadInput) =>
  runJsonScript<LoadOutput>('floor-load.ts', [JSON.stringify(input)], (input.warmupSeconds + input.seconds) * 1000 + 30_000);

export interface FloorServer {
  pid: number;
  port: number;
  stop(): Promise<void>;
}

/** Starts floor-server.ts on `port` against `databaseUrl`, resolved once it listens. */
export function startFloorServer(port: number, databaseUrl: string, table: string): Promise<FloorServer> {
  return new Promise((resolve, reject) => {
    const child = spawnScript('floor-server.ts', [String(port), databaseUrl, table]);
    const exited = new Promise<void>((r) => child.on('exit', () => r()));
    const stop = async () => {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    };
    const timeout = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error('floor server did not start within 30 s'));
    }, 30_000);
    child.stdout!.on('data', (d: Buffer) => {
      if (d.toString().includes('ready')) {
        clearTimeout(timeout);
        resolve({ pid: child.pid!, port, stop });
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timeout);
      reject(new Error(`floor server exited with ${code}`));
    });
  });
}
