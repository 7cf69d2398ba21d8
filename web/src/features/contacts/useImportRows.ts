import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { notifyError } from '../../lib/errors';
import { fetchMoreRows, type ContactImport, type DuplicateRow, type FailedRow } from './importApi';

type Loaded<R> = { rows: R[]; cursor: string | null };

export interface ImportRows<R> {
  /** The job's first page and every page loaded since, by row number. */
  rows: R[];
  /** Where the next page starts; null when every row is on screen. */
  cursor: string | null;
  loadingMore: boolean;
  loadMore: () => Promise<void>;
  /** Forgets the loaded pages: the list starts again from the job's first page. */
  reset: () => void;
  /** Takes these rows out of the loaded pages, keeping the place of the next page. */
  drop: (rowNumbers: number[]) => void;
  /** Puts fresher copies of these rows (a retry's answer) in the loaded pages. */
  replace: (fresh: R[]) => void;
}

/**
 * One list of an import's rows, failed or duplicate. The first page comes with the job and is
 * refetched with it; the pages after it are fetched on demand and kept here. A row found in
 * both is taken from the job, the fresher copy.
 */
export function useImportRows(job: ContactImport, list: 'failed'): ImportRows<FailedRow>;
export function useImportRows(job: ContactImport, list: 'duplicates'): ImportRows<DuplicateRow>;
export function useImportRows(job: ContactImport, list: 'failed' | 'duplicates'): ImportRows<FailedRow> | ImportRows<DuplicateRow> {
  const { t } = useTranslation();
  const [more, setMore] = useState<Loaded<FailedRow | DuplicateRow> | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const first = list === 'failed' ? job.failed : job.duplicateRows;
  const rows = useMemo(() => {
    const byRow = new Map<number, FailedRow | DuplicateRow>();
    for (const r of more?.rows ?? []) byRow.set(r.row, r);
    for (const r of first) byRow.set(r.row, r);
    return [...byRow.values()].sort((a, b) => a.row - b.row);
  }, [first, more]);
  const cursor = more ? more.cursor : list === 'failed' ? job.failedCursor : job.duplicatesCursor;

  const loadMore = async () => {
    if (!cursor) return;
    setLoadingMore(true);
    try {
      const page = await fetchMoreRows(job.id, list === 'failed' ? 'cursor' : 'duplicatesCursor', cursor);
      const next = list === 'failed' ? { rows: page.failed, cursor: page.failedCursor } : { rows: page.duplicateRows, cursor: page.duplicatesCursor };
      setMore({ rows: [...(more?.rows ?? []), ...next.rows], cursor: next.cursor });
    } catch (err) {
      notifyError(err, t);
    } finally {
      setLoadingMore(false);
    }
  };

  return {
    rows,
    cursor,
    loadingMore,
    loadMore,
    reset: () => setMore(null),
    drop: (rowNumbers) => setMore((m) => (m ? { ...m, rows: m.rows.filter((r) => !rowNumbers.includes(r.row)) } : m)),
    replace: (fresh: (FailedRow | DuplicateRow)[]) => setMore((m) => (m ? { ...m, rows: m.rows.map((r) => fresh.find((f) => f.row === r.row) ?? r) } : m)),
  };
}
