import { Writable } from 'node:stream';
import { writeXlsx, type XlsxCell } from '../../../platform/spreadsheet';
import type { TestServer } from '../../../../test/test-server';
import { waitFor } from '../../../../test/wait-for';

/** Test data for the import suites (not a test file itself). */

function checkDigit(body: string): number {
  let sum = 0;
  for (let i = 0; i < body.length; i++) sum += Number(body[i]) * (body.length + 1 - i);
  const rest = sum % 11;
  return rest < 2 ? 0 : 11 - rest;
}

/** A valid CPF, written with punctuation, different for every seed (below 10⁸). */
export function cpf(seed: number): string {
  const body = String(100_000_000 + seed).slice(-9);
  const first = checkDigit(body);
  const digits = body + first + checkDigit(body + first);
  return `${digits.slice(0, 3)}.${digits.slice(3, 6)}.${digits.slice(6, 9)}-${digits.slice(9)}`;
}

/** A São Paulo mobile number written as people do, different for every seed (below 10⁸). */
export const mobile = (seed: number) => {
  const n = String(seed).padStart(8, '0');
  return `(11) 9${n.slice(0, 4)}-${n.slice(4)}`;
};
export const e164 = (seed: number) => `+55119${String(seed).padStart(8, '0')}`;

export const csv = (rows: string[][], delimiter = ';') =>
  rows.map((r) => r.map((c) => (/[";\r\n,]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(delimiter)).join('\r\n') + '\r\n';

export function form(fileName: string, content: Buffer | string, fields: Record<string, string> = {}) {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.append(k, v);
  f.append('file', new Blob([new Uint8Array(typeof content === 'string' ? Buffer.from(content, 'utf8') : content)]), fileName);
  return f;
}

export async function xlsx(rows: XlsxCell[][]): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const out = new Writable({
    write(chunk, _enc, done) {
      chunks.push(chunk);
      done();
    },
  });
  await writeXlsx(out, rows);
  return Buffer.concat(chunks);
}

/** Uploads a file and waits for its job to end; returns the finished import. */
export async function importFile(s: TestServer, token: string, fileName: string, content: Buffer | string, fields: Record<string, string> = {}) {
  const r = await s.request('POST', '/api/v1/contacts/import', { token, body: form(fileName, content, fields) });
  if (r.status !== 202) throw new Error(`upload answered ${r.status}: ${JSON.stringify(r.body)}`);
  return finished(s, token, r.body.id);
}

export async function finished(s: TestServer, token: string, id: string, query = '') {
  return waitFor(
    async () => {
      const r = await s.request('GET', `/api/v1/contacts/imports/${id}${query}`, { token });
      return r.body.status === 'done' || r.body.status === 'failed' ? r.body : null;
    },
    { timeout: 60_000, message: `import ${id} did not finish` },
  );
}
