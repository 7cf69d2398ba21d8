import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { freePort, startServerProcess } from '../e2e/support/server-process';
import { api } from '../e2e/support/api';

/**
 * `node --import tsx bench/contacts-search.ts [--contacts 1000000] [--queries 300]`: CONT-2 search
 * over a large base. Atende runs as a child process on a fresh embedded PostgreSQL; the contacts
 * are generated with SQL in one workspace (Brazilian names with accents, mobile phones, half with
 * a CPF); then each kind of search people type is sent over HTTP, sequentially, and its latency
 * measured end to end (HTTP, auth, query, presenter). Reported: p50/p95/max per kind.
 */

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const CONTACTS = Number(arg('--contacts', '1000000'));
const QUERIES = Number(arg('--queries', '300'));

const FIRST = ['Maria', 'José', 'Ana', 'João', 'Antônio', 'Francisca', 'Carlos', 'Conceição', 'Paulo', 'Luíza', 'Márcio', 'Fábio', 'Letícia', 'Sérgio', 'Bárbara'];
const LAST = ['Silva', 'Santos', 'Oliveira', 'Souza', 'Lima', 'Pereira', 'Araújo', 'Gonçalves', 'Ribeiro', 'Conceição', 'Gomes', 'Simões', 'Brandão', 'Magalhães'];

/** The CPF of a seed, with its check digits (the same rule as the server's). */
function cpfOf(seed: number): string {
  const body = String(100_000_000 + seed).slice(-9);
  const dv = (b: string) => {
    let sum = 0;
    for (let i = 0; i < b.length; i++) sum += Number(b[i]) * (b.length + 1 - i);
    const r = sum % 11;
    return r < 2 ? 0 : 11 - r;
  };
  const first = dv(body);
  return body + first + dv(body + first);
}

async function generate(db: pg.Client, workspaceId: string) {
  // Names, phones and CPFs computed in SQL so a million rows take seconds, not minutes of round trips.
  await db.query(`create or replace function pg_temp.cpf(seed bigint) returns text language plpgsql as $$
    declare b text := right((100000000 + seed)::text, 9); s int; d1 int; d2 int;
    begin
      s := 0; for i in 1..9 loop s := s + substr(b, i, 1)::int * (11 - i); end loop;
      d1 := case when s % 11 < 2 then 0 else 11 - s % 11 end;
      s := 0; for i in 1..9 loop s := s + substr(b, i, 1)::int * (12 - i); end loop; s := s + d1 * 2;
      d2 := case when s % 11 < 2 then 0 else 11 - s % 11 end;
      return b || d1 || d2;
    end $$`);
  const t0 = Date.now();
  const batch = 100_000;
  for (let from = 1; from <= CONTACTS; from += batch) {
    const to = Math.min(CONTACTS, from + batch - 1);
    await db.query(
      `insert into contacts (workspace_id, display_name, phones, email, document_type, document_number)
       select $1, (($2::text[])[1 + i % $4] || ' ' || ($3::text[])[1 + (i / 7) % $5] || ' ' || ($3::text[])[1 + (i / 3) % $5] || ' ' || i),
              jsonb_build_array(jsonb_build_object('number', '+55' || (11 + i % 80) || '9' || lpad((i % 100000000)::text, 8, '0'), 'type', 'mobile')),
              'cliente' || i || '@exemplo.com.br',
              case when i % 2 = 0 then 'cpf' end, case when i % 2 = 0 then pg_temp.cpf(i) end
       from generate_series($6::int, $7::int) as i`,
      [workspaceId, FIRST, LAST, FIRST.length, LAST.length, from, to],
    );
  }
  await db.query('analyze contacts');
  return (Date.now() - t0) / 1000;
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};

async function main() {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'atende-bench-search-'));
  const pgPort = await freePort();
  const server = await startServerProcess({
    PORT: String(await freePort()), HOST: '127.0.0.1', EMBEDDED_PG_PORT: String(pgPort), DATA_DIR: dataDir, LOG_LEVEL: 'warn',
    ATENDE_BOOTSTRAP_WORKSPACE: 'Bench', ATENDE_BOOTSTRAP_ADMIN_LOGIN: 'admin', ATENDE_BOOTSTRAP_ADMIN_PASSWORD: 'Admin@2026',
  });
  const db = new pg.Client({ connectionString: `postgres://postgres:postgres@127.0.0.1:${pgPort}/postgres` });
  await db.connect();
  try {
    const token = (await api(server.url, 'POST', '/api/v1/auth/login', { login: 'admin', password: 'Admin@2026' })).body.token as string;
    const { rows } = await db.query<{ id: string }>('select id from workspaces limit 1');
    const generateSec = await generate(db, rows[0].id);

    const rnd = (n: number) => 1 + Math.floor(Math.random() * n);
    const kinds: Record<string, () => string> = {
      'name (part, no accents)': () => `${['conceicao', 'araujo', 'leticia', 'magalhaes', 'simoes'][rnd(5) - 1]} ${rnd(CONTACTS)}`,
      'name (common word)': () => ['conceicao', 'maria', 'silva', 'brandao'][rnd(4) - 1],
      'name (two words as typed)': () => `${['mar', 'jose', 'ana', 'leti'][rnd(4) - 1]} ${['silv', 'souza', 'gonc', 'maga'][rnd(4) - 1]}`,
      'name (inside a word)': () => ['onceica', 'agalhae', 'ibeir'][rnd(3) - 1],
      'phone as written': () => {
        const i = rnd(CONTACTS);
        const d = String(i % 100_000_000).padStart(8, '0');
        return `(${11 + (i % 80)}) 9${d.slice(0, 4)}-${d.slice(4)}`;
      },
      'phone part': () => String(rnd(CONTACTS) % 100_000_000).padStart(8, '0').slice(0, 6),
      'CPF formatted': () => {
        const c = cpfOf(2 * rnd(CONTACTS / 2));
        return `${c.slice(0, 3)}.${c.slice(3, 6)}.${c.slice(6, 9)}-${c.slice(9)}`;
      },
      'e-mail': () => `cliente${rnd(CONTACTS)}@exemplo`,
    };
    const results: Record<string, { p50: number; p95: number; max: number; hits: number }> = {};
    for (const [kind, make] of Object.entries(kinds)) {
      const ms: number[] = [];
      let hits = 0;
      for (let i = 0; i < QUERIES; i++) {
        const q = make();
        const t = performance.now();
        const r = await api(server.url, 'GET', `/api/v1/contacts?limit=20&q=${encodeURIComponent(q)}`, undefined, token);
        ms.push(performance.now() - t);
        if (r.status !== 200) throw new Error(`search ${q} → ${r.status}: ${JSON.stringify(r.body)}`);
        if (r.body.items.length) hits++;
      }
      results[kind] = { p50: +pct(ms, 50).toFixed(1), p95: +pct(ms, 95).toFixed(1), max: +Math.max(...ms).toFixed(1), hits };
    }
    const out = { contacts: CONTACTS, generateSec: +generateSec.toFixed(1), queriesPerKind: QUERIES, results };
    console.log(JSON.stringify(out));
    return out;
  } finally {
    await db.end();
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
