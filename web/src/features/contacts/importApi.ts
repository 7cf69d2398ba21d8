import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError, type FieldError } from '../../lib/api';
import { useCursorList } from '../../lib/cursorList';

export type ImportStatus = 'queued' | 'running' | 'done' | 'failed';
export interface CellError {
  column: string;
  message: string;
}
/** A row as the person wrote it, keyed by the file's column headers. */
export type RowValues = Record<string, string>;
export interface FailedRow {
  row: number;
  values: RowValues;
  errors: CellError[];
}
export interface DuplicateRow {
  row: number;
  values: RowValues;
  /** The contact the row matched. */
  contactId: string | null;
  /** Why it is a duplicate ("a contact with this phone already exists", "same phone as row 12"). */
  errors: CellError[];
}

/** The counters of an import: what lists and the `import.progress` event carry. */
export interface ImportSummary {
  id: string;
  status: ImportStatus;
  fileName: string;
  /** The file's headers, as the row values are keyed, in the file's order. */
  columns: string[];
  updateDuplicates: boolean;
  totalRows: number;
  processedRows: number;
  created: number;
  updated: number;
  duplicates: number;
  failedCount: number;
  /** Why the whole import stopped (status failed). */
  error: string | null;
  createdAt: string;
  finishedAt: string | null;
}

/** `GET /api/v1/contacts/imports/:id`: the counters and the first page of each kind of row. */
interface ImportDto extends ImportSummary {
  failed: FailedRow[];
  nextCursor: string | null;
  duplicateRows: DuplicateRow[];
  duplicatesNextCursor: string | null;
}

/** An import as the screens hold it: the rows stay when a progress event brings only counters. */
export interface ContactImport extends ImportSummary {
  failed: FailedRow[];
  /** More failed rows than the first page: `?cursor=` reads the next. */
  failedCursor: string | null;
  duplicateRows: DuplicateRow[];
  duplicatesCursor: string | null;
}

export function readImport(raw: ImportSummary | ImportDto, previous?: ContactImport): ContactImport {
  const full = 'failed' in raw;
  return {
    ...raw,
    failed: full ? raw.failed : (previous?.failed ?? []),
    failedCursor: full ? raw.nextCursor : (previous?.failedCursor ?? null),
    duplicateRows: full ? raw.duplicateRows : (previous?.duplicateRows ?? []),
    duplicatesCursor: full ? raw.duplicatesNextCursor : (previous?.duplicatesCursor ?? null),
  };
}

const BASE = '/api/v1/contacts/imports';
export const importKey = (id: string) => ['contact-imports', 'one', id] as const;
export const running = (s: ImportStatus | undefined) => s === 'queued' || s === 'running';

export const templateUrl = (format: 'csv' | 'xlsx', language: string) => `/api/v1/contacts/import-template.${format}?language=${language === 'pt-BR' ? 'pt-BR' : 'en'}`;
export const resultUrl = (id: string) => `${BASE}/${id}/result.csv`;

/** One import; polled every 2 s while it runs, in case a realtime event is missed. */
export function useContactImport(id: string | null) {
  return useQuery({
    queryKey: importKey(id ?? ''),
    queryFn: async ({ signal }) => readImport(await api.get<ImportDto>(`${BASE}/${id}`, { signal })),
    enabled: Boolean(id),
    refetchInterval: (q) => (running(q.state.data?.status) ? 2000 : false),
  });
}

export function useRecentImports() {
  return useCursorList<ImportSummary>(['contact-imports', 'list'], BASE);
}

/** The next page of failed (`cursor`) or duplicate (`duplicatesCursor`) rows of a big import. */
export async function fetchMoreRows(id: string, which: 'cursor' | 'duplicatesCursor', cursor: string): Promise<ContactImport> {
  return readImport(await api.get<ImportDto>(`${BASE}/${id}?${which}=${encodeURIComponent(cursor)}`));
}

function uploadError(xhr: XMLHttpRequest): ApiError {
  try {
    const body = JSON.parse(xhr.responseText) as { error?: { code?: string; message?: string; fields?: FieldError[] } };
    if (body.error?.code) return new ApiError(xhr.status, body.error.code, body.error.message ?? '', body.error.fields ?? []);
  } catch {
    // Not JSON (a proxy's page): the status says enough.
  }
  if (xhr.status === 0) return new ApiError(0, 'network_error', 'upload failed');
  return new ApiError(xhr.status, xhr.status === 413 ? 'payload_too_large' : xhr.status >= 500 ? 'internal_error' : `http_${xhr.status}`, xhr.statusText);
}

/**
 * Sends the spreadsheet as multipart. XMLHttpRequest rather than fetch because it reports
 * upload progress, which matters for a file of tens of megabytes.
 */
export function uploadImport(file: File, updateDuplicates: boolean, onProgress: (fraction: number) => void): Promise<ContactImport> {
  return new Promise((resolve, reject) => {
    const form = new FormData();
    // Fields before the file: a streaming server reads them before the file's bytes.
    form.append('updateDuplicates', updateDuplicates ? 'true' : 'false');
    form.append('file', file, file.name);
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/v1/contacts/import');
    xhr.withCredentials = true;
    xhr.setRequestHeader('accept', 'application/json');
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) resolve(readImport(JSON.parse(xhr.responseText) as ImportDto));
      else reject(uploadError(xhr));
    };
    xhr.onerror = () => reject(uploadError(xhr));
    xhr.send(form);
  });
}

/** What became of a re-sent row, wherever it sits in the lists' pages. */
export interface RetriedRow {
  row: number;
  outcome: 'failed' | 'duplicate' | 'fixed' | 'updated';
  values: RowValues;
  errors: CellError[];
}

export function useRetryRows(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (rows: Array<{ row: number; values: RowValues }>) => {
      const raw = await api.post<ImportDto & { retried: RetriedRow[] }>(`${BASE}/${id}/retry`, { rows });
      return { ...readImport(raw), retried: raw.retried };
    },
    onSuccess: ({ retried: _, ...job }) => {
      qc.setQueryData(importKey(id), job);
      void qc.invalidateQueries({ queryKey: ['contact-imports', 'list'] });
      void qc.invalidateQueries({ queryKey: ['contacts'] });
    },
  });
}

export function useUpdateDuplicates(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (rows: number[] | undefined) => readImport(await api.post<ImportDto>(`${BASE}/${id}/duplicates/update`, rows ? { rows } : {})),
    onSuccess: (job) => {
      qc.setQueryData(importKey(id), job);
      void qc.invalidateQueries({ queryKey: ['contact-imports', 'list'] });
      void qc.invalidateQueries({ queryKey: ['contacts'] });
    },
  });
}
