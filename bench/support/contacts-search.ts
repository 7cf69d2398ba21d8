import { api } from '../../e2e/support/api';
import type { Atende } from './atende';
import { usernameOf } from './contacts-dataset';
import { ServerCpu } from './growth-cpu';
import { round, summary } from './stats';

/**
 * CONT-2 search as agents type it, over HTTP (auth, query, presenter), one request at a time. The
 * queries are made from contacts sampled from the base, so each asks for someone who exists, and
 * the kinds that name one person (phone, CPF, e-mail, first name + rare surname) must find that
 * person on the first page: a fast wrong answer fails the bench.
 */

interface Sampled {
  id: string;
  display_name: string;
  search_name: string;
  phone: string;
  email: string;
  document_number: string | null;
}

interface Query {
  q: string;
  /** The contact the first page must hold, when the query names one person. */
  expect?: string;
}

// Inside common surnames, where no word starts (the fallback's costliest case: many contacts per word).
const INSIDE_COMMON = ['onceica', 'agalhae', 'ibeir', 'liveir', 'ascimen', 'onçalve', 'arvalh', 'ernande'];

const pickOne = <T>(xs: T[], k: number) => xs[k % xs.length];

/** The kinds of search, each a query made from the k-th sampled contact. */
const KINDS: Record<string, (c: Sampled, k: number) => Query> = {
  'name: first name': (c) => ({ q: c.search_name.split(' ')[0] }),
  'name: common surname': (c) => ({ q: c.search_name.split(' ').at(-2)! }),
  'name: first name + rare surname': (c) => ({ q: `${c.display_name.split(' ')[0]} ${c.display_name.split(' ').at(-1)}`, expect: c.id }),
  'name: two words as typed': (c) => {
    const w = c.search_name.split(' ');
    return { q: `${w[0].slice(0, 3)} ${w.at(-2)!.slice(0, 4)}` };
  },
  'name: inside a word': (c, k) => {
    const tail = c.search_name.split(' ').at(-1)!;
    return { q: k % 2 ? pickOne(INSIDE_COMMON, k) : tail.slice(1, 6) };
  },
  'phone as written': (c) => ({ q: `(${c.phone.slice(3, 5)}) ${c.phone.slice(5, 10)}-${c.phone.slice(10)}`, expect: c.id }),
  'phone part (6 digits)': (c, k) => ({ q: c.phone.slice(5 + (k % 4), 11 + (k % 4)) }),
  'CPF formatted': (c) => {
    const d = c.document_number!;
    return { q: `${d.slice(0, 3)}.${d.slice(3, 6)}.${d.slice(6, 9)}-${d.slice(9)}`, expect: c.id };
  },
  'e-mail': (c) => ({ q: c.email.slice(0, c.email.indexOf('@') + 5), expect: c.id }),
};

export interface KindResult {
  count: number;
  p50: number;
  p95: number;
  max: number;
  /** CPU of Atende and PostgreSQL per search, ms (what a search costs, whatever else runs); null if /proc could not tell. */
  cpuP50: number | null;
  cpuP95: number | null;
  /** Searches that found something; for kinds naming one person, searches whose first page held them. */
  hits: number;
  found: number | null;
  /** A few of the queries whose first page lacked the contact they name, to look into. */
  missed: string[];
}

/** Contacts `1..contacts` sampled at random (seeded by the run), with a CPF where a kind needs one. */
async function sampleContacts(atende: Atende, contacts: number, count: number): Promise<Sampled[]> {
  const numbers = Array.from({ length: count * 2 }, () => 1 + Math.floor(Math.random() * contacts));
  const { rows } = await atende.db.query<Sampled>(
    `select id, display_name, search_name, phone, email, document_number from contacts where workspace_id = $1 and username = any($2)`,
    [atende.workspaceId, numbers.map(usernameOf)],
  );
  return rows;
}

/**
 * `perKind` searches of each kind, interleaved (a burst of load elsewhere on the machine hits
 * every kind alike), after `warmup` rounds that fill the caches a live server would have.
 */
export async function timeSearches(atende: Atende, contacts: number, perKind: number, warmup: number): Promise<Record<string, KindResult>> {
  const people = await sampleContacts(atende, contacts, perKind + warmup);
  const withCpf = people.filter((p) => p.document_number);
  const kinds = Object.entries(KINDS);
  const wall = kinds.map(() => [] as number[]);
  const cpu = kinds.map(() => [] as number[]);
  const hits = kinds.map(() => 0);
  const found = kinds.map(() => 0);
  const expecting = kinds.map(() => false);
  const missed = kinds.map(() => [] as string[]);
  const server = new ServerCpu(atende.pid);
  for (let k = 0; k < warmup + perKind; k++) {
    if (k % 20 === 0) server.refresh();
    for (const [i, [name, make]] of kinds.entries()) {
      const person = name.startsWith('CPF') ? withCpf[k % withCpf.length] : people[k % people.length];
      const query = make(person, k);
      const path = `/api/v1/contacts?limit=20&q=${encodeURIComponent(query.q)}`;
      const [t0, c0] = [performance.now(), server.nowNs()];
      const r = await api(atende.url, 'GET', path, undefined, atende.adminToken);
      const [ms, cpuMs] = [performance.now() - t0, (server.nowNs() - c0) / 1e6];
      if (r.status !== 200) throw new Error(`search ${JSON.stringify(query.q)} → ${r.status}: ${JSON.stringify(r.body).slice(0, 300)}`);
      if (k < warmup) continue;
      const items = r.body.items as { id: string }[];
      wall[i].push(ms);
      if (Number.isFinite(cpuMs)) cpu[i].push(cpuMs);
      if (items.length) hits[i]++;
      expecting[i] ||= query.expect !== undefined;
      if (query.expect && items.some((c) => c.id === query.expect)) found[i]++;
      else if (query.expect && missed[i].length < 3) missed[i].push(query.q);
    }
  }
  return Object.fromEntries(
    kinds.map(([name], i) => {
      const w = summary(wall[i]);
      const c = summary(cpu[i]);
      return [name, { count: w.count, p50: round(w.p50, 1), p95: round(w.p95, 1), max: round(w.max, 1), cpuP50: c.count ? round(c.p50, 1) : null, cpuP95: c.count ? round(c.p95, 1) : null, hits: hits[i], found: expecting[i] ? found[i] : null, missed: missed[i] }];
    }),
  );
}
