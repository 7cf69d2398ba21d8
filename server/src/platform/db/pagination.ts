import { AppError } from '../errors';

/** Opaque keyset cursors: base64url JSON of the last row's sort key. */
export function encodeCursor(key: unknown[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

export function decodeCursor<T extends unknown[]>(cursor: string | undefined, length: number): T | null {
  if (!cursor) return null;
  try {
    const key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(key) && key.length === length) return key as T;
  } catch {
    /* fall through */
  }
  throw new AppError(400, 'validation_failed', 'Invalid cursor', [{ path: 'cursor', message: 'invalid cursor' }]);
}

/** Fetch limit+1 rows, return limit of them and the cursor of the last one when more exist. */
export function pageOf<R>(rows: R[], limit: number, keyOf: (row: R) => unknown[]) {
  const items = rows.slice(0, limit);
  const nextCursor = rows.length > limit ? encodeCursor(keyOf(items[items.length - 1])) : null;
  return { items, nextCursor };
}
