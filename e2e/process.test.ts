import { afterAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { api } from './support/api';
import { startServerProcess, type ServerProcess } from './support/server-process';

/**
 * The real process on its embedded PostgreSQL in DATA_DIR: SIGKILL must lose nothing
 * committed and the next start must recover; SIGTERM must stop everything cleanly.
 */
const dataDir = mkdtempSync(join(tmpdir(), 'atende-process-'));
const env = {
  DATA_DIR: dataDir,
  ATENDE_BOOTSTRAP_WORKSPACE: 'Processo',
  ATENDE_BOOTSTRAP_ADMIN_LOGIN: 'root.admin',
  ATENDE_BOOTSTRAP_ADMIN_PASSWORD: 'Root@Admin1',
};
const running: ServerProcess[] = [];
afterAll(() => {
  for (const p of running) if (p.child.exitCode === null) p.child.kill('SIGKILL');
  const pidFile = join(dataDir, 'postgres', 'postmaster.pid');
  if (existsSync(pidFile)) {
    try {
      process.kill(Number(readFileSync(pidFile, 'utf8').split('\n')[0]), 'SIGINT');
    } catch {
      /* already gone */
    }
  }
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the server process', () => {
  it('survives SIGKILL without losing committed data, and stops cleanly on SIGTERM', { timeout: 240_000 }, async () => {
    const first = await startServerProcess(env);
    running.push(first);
    const login = await api(first.url, 'POST', '/api/v1/auth/login', { login: 'root.admin', password: 'Root@Admin1' });
    expect(login.status).toBe(200);
    const names = Array.from({ length: 20 }, (_, i) => `Operação ${i}`);
    for (const name of names) expect((await api(first.url, 'POST', '/api/v1/operations', { name }, login.body.token)).status).toBe(201);

    first.child.kill('SIGKILL');
    await first.exited;
    // The embedded PostgreSQL outlived its parent or left its pid file: the next start must cope.
    expect(existsSync(join(dataDir, 'postgres', 'postmaster.pid'))).toBe(true);

    const second = await startServerProcess(env);
    running.push(second);
    const again = await api(second.url, 'POST', '/api/v1/auth/login', { login: 'root.admin', password: 'Root@Admin1' });
    expect(again.status).toBe(200);
    const ops = await api(second.url, 'GET', '/api/v1/operations?limit=200', undefined, again.body.token);
    expect(ops.body.items.map((o: { name: string }) => o.name).sort()).toEqual([...names].sort());
    // Bootstrap ran once: still one administrator.
    const admins = await api(second.url, 'GET', '/api/v1/users?role=admin', undefined, again.body.token);
    expect(admins.body.items).toHaveLength(1);

    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
    expect(existsSync(join(dataDir, 'postgres', 'postmaster.pid'))).toBe(false);
  });

  it('refuses to start on a bad configuration, naming the variable', { timeout: 60_000 }, async () => {
    await expect(startServerProcess({ ...env, ATENDE_ROLE: 'everything' }, 30_000)).rejects.toThrow(/ATENDE_ROLE/);
  });
});
