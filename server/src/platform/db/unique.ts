import { DatabaseError } from 'pg';

/** True when `err` is PostgreSQL's unique violation on the named constraint or index. */
export function isUniqueViolation(err: unknown, constraint?: string): boolean {
  const e = (err as { cause?: unknown })?.cause ?? err;
  return e instanceof DatabaseError && e.code === '23505' && (!constraint || e.constraint === constraint);
}
