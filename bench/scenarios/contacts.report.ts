import type { GenerateResult } from '../support/contacts-dataset';
import type { ImportResult } from '../support/contacts-import';
import type { KindResult } from '../support/contacts-search';
import { row } from '../support/stats';

/** The contacts section of `latest.md`, and the shape of `contacts` in latest.json. */
export interface ContactsResult {
  settings: { contacts: number; importRows: number; searchesPerKind: number; pageSize: number };
  base: { source: 'generated' | 'cache-built' | 'cache-copied'; readySec: number; generate: GenerateResult; cacheBuildSec: number | null; cacheCopySec: number | null };
  import100kSec: number | null;
  importPeakRssMb: number;
  import: ImportResult;
  searchP95Ms: number;
  searchWorstKind: string;
  search: Record<string, KindResult>;
}

export function renderContacts(r: ContactsResult): string {
  const i = r.import;
  const b = r.base;
  const g = b.generate.seconds;
  const how = {
    generated: 'generated for this run',
    'cache-built': `generated into the dataset cache by this run (build ${b.cacheBuildSec} s, copy ${b.cacheCopySec} s)`,
    'cache-copied': `copied from the dataset cache in ${b.cacheCopySec} s`,
  }[b.source];
  return [
    '## Contacts (scenario 7)',
    '',
    `${r.settings.contacts.toLocaleString('en')} contacts, ${how}; generating them takes ${g.total} s ` +
      `(rows ${g.rows} s, indexes ${g.indexes} s, vacuum ${g.vacuum} s; base ready in ${b.readySec} s this run). ` +
      `Then a ${i.rows.toLocaleString('en')}-row CSV (${i.fileMb} MB, ";" with BOM, 1% bad rows, 1% repeated phones) imported through the API into that base, ` +
      'then searches over HTTP one at a time, each made from a contact sampled from the base.',
    '',
    row(['import rows', 'job s', 'rows/s', 'created', 'duplicates', 'failed', 'Atende CPU %', 'PG CPU %', 'RSS before MB', 'at 25%', 'at 50%', 'at 75%', 'peak MB', 'end MB']),
    row(Array(14).fill('---:')),
    row([i.rows, i.jobSec, i.rowsPerSec, i.created, i.duplicates, i.failed, i.cpu.atendeCpuPct, i.cpu.pgCpuPct, i.rssMb.before, i.rssMb.atQuarter, i.rssMb.atHalf, i.rssMb.atThreeQuarters, i.rssMb.peak, i.rssMb.end]),
    '',
    `Search, ${r.settings.searchesPerKind} of each kind, page of ${r.settings.pageSize} (target: p95 < 20 ms on a million contacts). ` +
      'CPU is what Atende and PostgreSQL spent on one search, which load elsewhere on this shared machine barely moves. ' +
      '"found": searches naming one person whose first page held that person.',
    '',
    row(['kind', 'p50 ms', 'p95 ms', 'max ms', 'CPU p50 ms', 'CPU p95 ms', 'hits', 'found']),
    row(['---', '---:', '---:', '---:', '---:', '---:', '---:', '---:']),
    ...Object.entries(r.search).map(([kind, k]) => row([kind, k.p50, k.p95, k.max, k.cpuP50, k.cpuP95, `${k.hits}/${k.count}`, k.found === null ? null : `${k.found}/${k.count}`])),
    '',
    `Worst p95: ${r.searchP95Ms} ms (${r.searchWorstKind}).`,
    '',
  ].join('\n');
}
