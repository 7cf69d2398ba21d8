import { createWriteStream, openAsBlob, rmSync, statSync } from 'node:fs';
import { once } from 'node:events';
import path from 'node:path';
import { api } from '../../e2e/support/api';
import type { Atende } from './atende';
import { sample, usage } from './proc-stats';

/**
 * CONT-3 at scale: a CSV like the ones operations send — Excel's ";" with a BOM, Brazilian phones
 * as people write them, half the rows with a formatted CPF, 1% bad rows (a short phone), 1% rows
 * repeating the previous row's phone — uploaded over HTTP, and the job followed until it ends,
 * sampling Atende's RSS every 100 ms against the job's progress (flat memory: the RSS late in the
 * job is the RSS early in it).
 */

const HEADER = ['NETWORK', 'COUNTRY CODE', 'PHONE NUMBER', 'DISPLAY NAME', 'CPF/CNPJ', 'EMAIL', 'GROUP', 'AGENT', 'ATTRIBUTE', "ATTRIBUTE'S VALUE"];

function checkDigit(body: string): number {
  let sum = 0;
  for (let i = 0; i < body.length; i++) sum += Number(body[i]) * (body.length + 1 - i);
  const rest = sum % 11;
  return rest < 2 ? 0 : 11 - rest;
}

/** A formatted CPF; seeds above 1,000,000 never meet the generated base's (contacts-dataset.ts). */
function cpf(seed: number): string {
  const body = String(100_000_000 + seed).slice(-9);
  const first = checkDigit(body);
  const d = body + first + checkDigit(body + first);
  return `${d.slice(0, 3)}.${d.slice(3, 6)}.${d.slice(6, 9)}-${d.slice(9)}`;
}

// Names as a customer base has them: shared first names and surnames, accents included.
const FIRST = ['Ana', 'João', 'Maria', 'José', 'Antônio', 'Luíza', 'Sérgio', 'Bárbara', 'Márcio', 'Letícia', 'Fábio', 'Conceição'];
const MIDDLE = ['da', 'de', 'dos', 'Aparecida', 'Carlos', 'Helena', 'Eduardo', 'Cristina', 'Henrique'];
const LAST = ['Silva', 'Santos', 'Oliveira', 'Souza', 'Lima', 'Pereira', 'Araújo', 'Gonçalves', 'Ribeiro', 'Gomes', 'Simões', 'Brandão', 'Magalhães'];
const nameOf = (i: number) => `${FIRST[i % FIRST.length]} ${MIDDLE[Math.floor(i / FIRST.length) % MIDDLE.length]} ${LAST[(i * 7) % LAST.length]}`;

export const badRow = (i: number) => i % 100 === 7;
export const repeatsPrevious = (i: number) => i % 100 === 50;

function* rows(n: number): Generator<string[]> {
  yield HEADER;
  for (let i = 1; i <= n; i++) {
    const seed = 10_000_000 + (repeatsPrevious(i) ? i - 1 : i);
    const digits = String(seed).padStart(8, '0');
    const phone = i % 3 === 0 ? `+55 11 9${digits.slice(0, 4)}-${digits.slice(4)}` : `(11) 9${digits.slice(0, 4)}-${digits.slice(4)}`;
    yield [
      'WHATSAPP', '55', badRow(i) ? '11 1234' : phone, nameOf(i), i % 2 === 0 ? cpf(1_000_000 + i) : '',
      `cliente.importado${i}@exemplo.com.br`, '', '', '', '',
    ];
  }
}

async function writeCsv(file: string, n: number) {
  const out = createWriteStream(file);
  out.write('\uFEFF');
  for (const r of rows(n)) if (!out.write(r.join(';') + '\r\n')) await once(out, 'drain');
  out.end();
  await once(out, 'finish');
}

export interface ImportResult {
  rows: number;
  fileMb: number;
  status: string;
  uploadMs: number;
  /** From the upload's answer (202) to the job's end. */
  jobSec: number;
  rowsPerSec: number;
  created: number;
  duplicates: number;
  failed: number;
  /** Rows the file makes bad on purpose, and rows repeating another row's phone. */
  expectedFailed: number;
  expectedRepeats: number;
  rssMb: { before: number; peak: number; atQuarter: number | null; atHalf: number | null; atThreeQuarters: number | null; end: number };
  cpu: ReturnType<typeof usage>;
}

export async function importContacts(atende: Atende, n: number): Promise<ImportResult> {
  const file = path.join(atende.dataDir, `contatos-${n}.csv`);
  await writeCsv(file, n);
  const fileMb = statSync(file).size / 2 ** 20;
  try {
    const form = new FormData();
    form.append('file', await openAsBlob(file), path.basename(file));
    const before = sample(atende.pid);
    const t0 = Date.now();
    const res = await fetch(`${atende.url}/api/v1/contacts/import`, { method: 'POST', headers: { authorization: `Bearer ${atende.adminToken}` }, body: form });
    const accepted = (await res.json()) as { id: string };
    if (res.status !== 202) throw new Error(`upload answered ${res.status}: ${JSON.stringify(accepted)}`);
    const tAccepted = Date.now();
    let peak = before.atendeRssMb;
    // RSS at the first sample past each quarter of the rows.
    const atProgress = new Map<number, number>();
    let status: { status: string; processedRows: number; created: number; duplicates: number; failedCount: number };
    const deadline = Date.now() + 5 * 60_000;
    for (;;) {
      const s = sample(atende.pid);
      peak = Math.max(peak, s.atendeRssMb);
      status = (await api(atende.url, 'GET', `/api/v1/contacts/imports/${accepted.id}?limit=1`, undefined, atende.adminToken)).body;
      for (const q of [0.25, 0.5, 0.75]) if (!atProgress.has(q) && status.processedRows >= q * n) atProgress.set(q, s.atendeRssMb);
      if (status.status === 'done' || status.status === 'failed') break;
      if (Date.now() > deadline) throw new Error(`import of ${n} rows still ${status.status} after 5 minutes (${status.processedRows} rows)`);
      await new Promise((r) => setTimeout(r, 100));
    }
    const after = sample(atende.pid);
    const jobSec = (Date.now() - tAccepted) / 1000;
    return {
      rows: n,
      fileMb: Math.round(fileMb * 10) / 10,
      status: status.status,
      uploadMs: tAccepted - t0,
      jobSec: Math.round(jobSec * 10) / 10,
      rowsPerSec: Math.round(n / jobSec),
      created: status.created,
      duplicates: status.duplicates,
      failed: status.failedCount,
      expectedFailed: [...Array(n).keys()].filter((k) => badRow(k + 1)).length,
      expectedRepeats: [...Array(n).keys()].filter((k) => repeatsPrevious(k + 1)).length,
      rssMb: {
        before: before.atendeRssMb,
        peak,
        atQuarter: atProgress.get(0.25) ?? null,
        atHalf: atProgress.get(0.5) ?? null,
        atThreeQuarters: atProgress.get(0.75) ?? null,
        end: after.atendeRssMb,
      },
      cpu: usage(before, after),
    };
  } finally {
    rmSync(file, { force: true });
  }
}
