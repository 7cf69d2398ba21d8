import type { Scenario } from '../scenario';
import { prepareContactsBase } from '../support/contacts-base';
import { importContacts } from '../support/contacts-import';
import { timeSearches } from '../support/contacts-search';
import { renderContacts } from './contacts.report';

/**
 * Scenario 7, contacts (issue 6's targets): a base of a million contacts generated in SQL (kept in
 * the dataset cache, see support/contacts-base.ts), a 100,000-row CSV import into it through the
 * API (time, rows/s, Atende's RSS along the job), then search p50/p95 per kind of query over the
 * lot. Quick: 100,000 contacts generated on the spot, a 10,000-row import.
 */

export const contacts: Scenario = {
  name: 'contacts',
  async run(ctx) {
    const plan = ctx.quick
      ? { contacts: 100_000, importRows: 10_000, searchesPerKind: 25, warmup: 2 }
      : { contacts: 1_000_000, importRows: 100_000, searchesPerKind: 200, warmup: 10 };
    const t0 = Date.now();
    const base = await prepareContactsBase(plan.contacts, { cache: !ctx.quick, profileDir: ctx.profileDir, log: ctx.log });
    const { atende, generated } = base;
    try {
      const tReady = Date.now();
      ctx.log(
        `base of ${plan.contacts} contacts ready in ${Math.round((tReady - t0) / 100) / 10} s (${base.source}; generation ${generated.seconds.total} s: ${JSON.stringify(generated.seconds)}` +
          `${base.cacheRestoreSeconds === null ? '' : `, copy ${base.cacheRestoreSeconds} s`})`,
      );

      const imported = await importContacts(atende, plan.importRows);
      ctx.log(`import of ${imported.rows} rows: ${imported.status} in ${imported.jobSec} s (${imported.rowsPerSec} rows/s), RSS ${imported.rssMb.before} → peak ${imported.rssMb.peak} MB`);
      const accounted = imported.created + imported.duplicates + imported.failed;
      if (imported.status !== 'done' || accounted !== imported.rows || imported.failed !== imported.expectedFailed || imported.duplicates < imported.expectedRepeats) {
        throw new Error(`import counts are wrong: ${JSON.stringify(imported)}`);
      }

      const search = await timeSearches(atende, plan.contacts, plan.searchesPerKind, plan.warmup);
      for (const [kind, r] of Object.entries(search)) ctx.log(`${kind}: p50 ${r.p50} p95 ${r.p95} ms, cpu p50 ${r.cpuP50} ms, hits ${r.hits}/${r.count}${r.found === null ? '' : `, found ${r.found}`}`);
      const missed = Object.entries(search).filter(([, r]) => r.found !== null && r.found < r.count);
      if (missed.length) throw new Error(`searches did not find the contact they name: ${missed.map(([k, r]) => `${k} ${r.found}/${r.count} (e.g. ${r.missed.map((q) => JSON.stringify(q)).join(', ')})`).join(', ')}`);

      const worst = Object.entries(search).sort((a, b) => b[1].p95 - a[1].p95)[0];
      const result = {
        settings: { contacts: plan.contacts, importRows: plan.importRows, searchesPerKind: plan.searchesPerKind, pageSize: 20 },
        base: { source: base.source, readySec: Math.round((tReady - t0) / 100) / 10, generate: generated, cacheBuildSec: base.cacheBuildSeconds, cacheCopySec: base.cacheRestoreSeconds },
        import100kSec: imported.rows === 100_000 ? imported.jobSec : null,
        importPeakRssMb: imported.rssMb.peak,
        import: imported,
        searchP95Ms: worst[1].p95,
        searchWorstKind: worst[0],
        search,
      };
      return { json: { contacts: result }, markdown: renderContacts(result) };
    } finally {
      await atende.stop();
    }
  },
};
