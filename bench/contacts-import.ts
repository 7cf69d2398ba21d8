import { createWriteStream, mkdtempSync, openAsBlob, rmSync, statSync } from 'node:fs';
import { once } from 'node:events';
import os from 'node:os';
import path from 'node:path';
import { freePort, startServerProcess, type ServerProcess } from '../e2e/support/server-process';
import { api } from '../e2e/support/api';
import { writeXlsx } from '../server/src/platform/spreadsheet';
import { sample, usage, type Sample } from './proc-stats';

/**
 * `node --import tsx bench/contacts-import.ts [--rows 100000,20000] [--xlsx]`: CONT-3 at scale.
 * Atende runs as a child process on a fresh embedded PostgreSQL; for each size a CSV (or XLSX)
 * like the ones operations send — Brazilian phones as people write them, half the rows with a
 * CPF, 1% bad rows, 1% repeated phones — is uploaded over HTTP and the job is followed until it
 * ends. Reported: the upload answer, the job's time, rows per second, and Atende's peak RSS
 * during the job (sampled every 100 ms). The job holds at most three batches whatever the
 * file's size; RSS still drifts up a little with a run's length because V8 grows its heap
 * lazily (measured in-process, heap after a forced GC stayed within 3–7 MB of its start at
 * 50,000 and 200,000 rows).
 */

const arg = (name: string) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const sizes = (arg('--rows') ?? '20000,100000').split(',').map(Number);
const asXlsx = process.argv.includes('--xlsx');

function checkDigit(body: string): number {
  let sum = 0;
  for (let i = 0; i < body.length; i++) sum += Number(body[i]) * (body.length + 1 - i);
  const rest = sum % 11;
  return rest < 2 ? 0 : 11 - rest;
}
function cpf(seed: number): string {
  const body = String(100_000_000 + seed).slice(-9);
  const first = checkDigit(body);
  const d = body + first + checkDigit(body + first);
  return `${d.slice(0, 3)}.${d.slice(3, 6)}.${d.slice(6, 9)}-${d.slice(9)}`;
}

const HEADER = ['NETWORK', 'COUNTRY CODE', 'PHONE NUMBER', 'DISPLAY NAME', 'CPF/CNPJ', 'EMAIL', 'GROUP', 'AGENT', 'ATTRIBUTE', "ATTRIBUTE'S VALUE"];

function* rows(n: number, run: number): Generator<string[]> {
  yield HEADER;
  for (let i = 1; i <= n; i++) {
    const seed = run * 10_000_000 + (i % 100 === 50 ? i - 1 : i); // 1% repeat the previous row's phone
    const digits = String(seed).padStart(8, '0');
    const phone = i % 3 === 0 ? `+55 11 9${digits.slice(0, 4)}-${digits.slice(4)}` : `(11) 9${digits.slice(0, 4)}-${digits.slice(4)}`;
    const bad = i % 100 === 7; // 1% bad rows: a short phone
    yield [
      'WHATSAPP', '55', bad ? '11 1234' : phone, `Cliente ${i} da Conceição`, i % 2 === 0 ? cpf(run * 1_000_000 + i) : '',
      `cliente${run}.${i}@exemplo.com.br`, '', '', '', '',
    ];
  }
}

async function writeFile(file: string, n: number, run: number) {
  if (asXlsx) {
    await writeXlsx(createWriteStream(file), rows(n, run));
    return;
  }
  const out = createWriteStream(file);
  out.write('\uFEFF');
  for (const r of rows(n, run)) if (!out.write(r.join(';') + '\r\n')) await once(out, 'drain');
  out.end();
  await once(out, 'finish');
}

async function importOnce(server: ServerProcess, token: string, pid: number, n: number, run: number, dir: string) {
  const file = path.join(dir, `contatos-${n}.${asXlsx ? 'xlsx' : 'csv'}`);
  await writeFile(file, n, run);
  const mb = statSync(file).size / 1024 / 1024;
  const form = new FormData();
  form.append('file', await openAsBlob(file), path.basename(file));
  const before = sample(pid);
  const t0 = Date.now();
  const res = await fetch(`${server.url}/api/v1/contacts/import`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
  const accepted = await res.json();
  if (res.status !== 202) throw new Error(`upload answered ${res.status}: ${JSON.stringify(accepted)}`);
  const tAccepted = Date.now();
  let peak: Sample = sample(pid);
  let status: any;
  const deadline = Date.now() + 10 * 60_000;
  for (;;) {
    const s = sample(pid);
    if (s.atendeRssMb > peak.atendeRssMb) peak = s;
    status = (await api(server.url, 'GET', `/api/v1/contacts/imports/${accepted.id}?limit=1`, undefined, token)).body;
    if (status.status === 'done' || status.status === 'failed' || Date.now() > deadline) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  const after = sample(pid);
  rmSync(file);
  const jobSec = (Date.now() - tAccepted) / 1000;
  return {
    rows: n,
    format: asXlsx ? 'xlsx' : 'csv',
    fileMb: Number(mb.toFixed(1)),
    status: status.status,
    uploadMs: tAccepted - t0,
    jobSec: Number(jobSec.toFixed(1)),
    totalSec: Number(((Date.now() - t0) / 1000).toFixed(1)),
    rowsPerSec: Math.round(n / jobSec),
    created: status.created,
    duplicates: status.duplicates,
    failed: status.failedCount,
    atendeRssMbBefore: before.atendeRssMb,
    atendeRssMbPeak: peak.atendeRssMb,
    cpu: usage(before, after),
  };
}

async function main() {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'atende-bench-import-'));
  const server = await startServerProcess({
    PORT: String(await freePort()), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn',
    ATENDE_BOOTSTRAP_WORKSPACE: 'Bench', ATENDE_BOOTSTRAP_ADMIN_LOGIN: 'admin', ATENDE_BOOTSTRAP_ADMIN_PASSWORD: 'Admin@2026',
  });
  try {
    const token = (await api(server.url, 'POST', '/api/v1/auth/login', { login: 'admin', password: 'Admin@2026' })).body.token as string;
    const results = [];
    for (const [run, n] of sizes.entries()) {
      const r = await importOnce(server, token, server.child.pid!, n, run + 1, dataDir);
      console.log(JSON.stringify(r));
      results.push(r);
    }
    return results;
  } finally {
    server.child.kill('SIGTERM');
    const timer = setTimeout(() => server.child.kill('SIGKILL'), 15_000);
    await server.exited;
    clearTimeout(timer);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
