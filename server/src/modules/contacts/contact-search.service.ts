import type { Ctx } from '../../platform/context';
import { decodeCursor, pageOf } from '../../platform/db/pagination';
import { AppError } from '../../platform/errors';
import * as search from './contact-search.repository';
import { presentContact } from './contact.service';
import { documentDigits, parseDocument } from './document';
import { normalizePhone, phoneSearchKey } from './phone';

type ListQuery = { q?: string; status?: 'active' | 'inactive'; limit: number; cursor?: string };

/** What the typed text is: a CPF/CNPJ, an e-mail, a phone (whole or part), or a name. */
export function readSearch(text: string): search.ContactSearch | undefined {
  const q = text.trim();
  if (!q) return undefined;
  if (q.includes('@')) return { by: 'email', email: q.toLowerCase() };
  const doc = parseDocument(q);
  if (doc.ok && /^[\d.\-/\s]+$/.test(q) && documentDigits(q).length !== 13) {
    // 11 digits may be a CPF or a phone with area code: a valid CPF wins, as people search documents whole.
    return { by: 'document', number: doc.number };
  }
  const digits = phoneSearchKey(q);
  if (digits && digits.length >= 3) {
    const whole = normalizePhone(q);
    return { by: 'phone', e164: whole.ok ? whole.e164 : null, digits };
  }
  return { by: 'name', text: q.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLowerCase() };
}

/** CONT-2: the contact list, or a search in it, a page at a time. */
export async function listContacts(ctx: Ctx, q: ListQuery) {
  const s = q.q ? readSearch(q.q) : undefined;
  const page = s?.by === 'name' ? await byName(ctx, s.text, q) : await byIndex(ctx, s, q);
  return { items: page.items.map((r) => presentContact(r.contact, r.attributes)), nextCursor: page.nextCursor };
}

async function byIndex(ctx: Ctx, s: Exclude<search.ContactSearch, { by: 'name' }> | undefined, q: ListQuery) {
  const after = decodeCursor<[string, string]>(q.cursor, 2);
  if (after && !UUID.test(after[1])) throw invalidCursor();
  const rows =
    s?.by === 'phone' && !s.e164 && s.digits.length <= search.FEW_DIGITS
      ? await search.listByFewDigits(ctx.db, ctx.workspaceId, { digits: s.digits, status: q.status, limit: q.limit, after })
      : await search.listContacts(ctx.db, ctx.workspaceId, { search: s, status: q.status, limit: q.limit, after });
  return pageOf(rows, q.limit, (r) => [r.contact.displayName, r.contact.id]);
}

/**
 * Names: by word starts (any number of contacts, one page's cost); when nothing starts with
 * what was typed, inside words. Pages are in (word, name) order; an inside-words cursor carries
 * a fourth element, so the next page continues the same kind of search.
 */
async function byName(ctx: Ctx, text: string, q: ListQuery) {
  const words = text.split(/[^\p{L}\p{N}]+/u).filter(Boolean).slice(0, 5);
  if (words.length === 0) return { items: [], nextCursor: null };
  const cursor = nameCursor(q.cursor);
  const query = { words, status: q.status, limit: q.limit, after: cursor?.after ?? null };
  let inside = cursor?.inside ?? false;
  let rows = inside ? [] : await search.namePage(ctx.db, ctx.workspaceId, query);
  if (inside || (rows.length === 0 && !cursor)) {
    inside = true;
    rows = await search.insideNamePage(ctx.db, ctx.workspaceId, query);
  }
  const page = pageOf(rows, q.limit, (r) => [r.key.word, r.key.sortName, r.key.contactId, ...(inside ? [INSIDE] : [])]);
  // A name with two words starting alike ("Maria Mariana") comes once per page.
  const items = [...new Map(page.items.map((r) => [r.contact.id, r])).values()];
  return { items, nextCursor: page.nextCursor };
}

const INSIDE = 'inside';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function nameCursor(cursor: string | undefined): { inside: boolean; after: [string, string, string] } | null {
  if (!cursor) return null;
  const inside = decodeLength(cursor) === 4;
  const key = decodeCursor<string[]>(cursor, inside ? 4 : 3)!;
  if (key.slice(0, 3).some((k) => typeof k !== 'string') || !UUID.test(key[2]) || (inside && key[3] !== INSIDE)) throw invalidCursor();
  return { inside, after: [key[0], key[1], key[2]] };
}

const decodeLength = (cursor: string) => {
  try {
    const key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    return Array.isArray(key) ? key.length : 0;
  } catch {
    return 0;
  }
};

const invalidCursor = () => new AppError(400, 'validation_failed', 'Invalid cursor', [{ path: 'cursor', message: 'invalid cursor' }]);
