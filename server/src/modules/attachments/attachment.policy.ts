import { fileTypeFromBuffer, fileTypeFromStream } from 'file-type';
import type { Readable } from 'node:stream';
import { AGENT_ATTACHMENT_TYPES, CUSTOMER_ATTACHMENT_PREFIXES, CUSTOMER_DOCUMENT_TYPES } from '@contracts/serving';

/** Who sends the file decides what it may be (CHAN-7). */
export type UploadDirection = 'agent' | 'customer';

/** Bytes read before deciding; file-type needs at most this many for its direct signatures. */
export const HEAD_BYTES = 4100;

/** Formats whose real type is inside the container (OOXML/ODF in zip, legacy Office in CFB). */
const CONTAINERS = new Set(['application/zip', 'application/x-cfb']);

export function allowedFor(direction: UploadDirection, mime: string): boolean {
  if (direction === 'agent') return (AGENT_ATTACHMENT_TYPES as readonly string[]).includes(mime);
  return (
    CUSTOMER_ATTACHMENT_PREFIXES.some((p) => mime.startsWith(p)) || (CUSTOMER_DOCUMENT_TYPES as readonly string[]).includes(mime)
  );
}

/**
 * Plain text has no signature: accept it as text when the head decodes as UTF-8 with no
 * control characters other than tab, newlines and form feed.
 */
export function looksLikeText(head: Buffer): boolean {
  if (head.length === 0) return false;
  try {
    // stream: true tolerates a multi-byte character cut at the end of the head.
    const s = new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
    return !/[\u0000-\u0008\u000b\u000e-\u001f\u007f]/.test(s);
  } catch {
    return false;
  }
}

export interface EarlyVerdict {
  /** The type from the head's signature, null for text, or 'container' when it needs a full read. */
  mime: string | null;
  container: boolean;
  refused: boolean;
}

/** Decides from the first bytes, so a forbidden file is stopped before it is written in full. */
/** file-type throws on some truncated signatures (an Ogg header with nothing after it). */
async function sniff(read: () => Promise<{ mime: string } | undefined>) {
  try {
    return await read();
  } catch {
    return undefined;
  }
}

export async function judgeHead(direction: UploadDirection, head: Buffer): Promise<EarlyVerdict> {
  // Emptiness is its own error, reported once the stream has ended.
  if (head.length === 0) return { mime: null, container: false, refused: false };
  const sniffed = await sniff(() => fileTypeFromBuffer(head));
  if (!sniffed) {
    const text = looksLikeText(head);
    return { mime: null, container: false, refused: !text || !allowedFor(direction, 'text/plain') };
  }
  if (CONTAINERS.has(sniffed.mime)) return { mime: sniffed.mime, container: true, refused: false };
  return { mime: sniffed.mime, container: false, refused: !allowedFor(direction, sniffed.mime) };
}

const extensionOf = (fileName: string) => fileName.toLowerCase().match(/\.([a-z0-9]{1,8})$/)?.[1] ?? '';

/**
 * The final type once the whole file is stored, or null when it is not allowed. The name only
 * ever narrows a type the bytes already proved: text vs CSV, and which legacy Office format a
 * CFB container holds (file-type cannot tell them apart).
 */
export async function finalType(
  direction: UploadDirection,
  early: EarlyVerdict,
  fileName: string,
  read: () => Readable,
): Promise<string | null> {
  const ext = extensionOf(fileName);
  let mime: string | undefined;
  if (early.mime === null) mime = ext === 'csv' ? 'text/csv' : 'text/plain';
  else if (!early.container) mime = early.mime;
  else {
    // At run time Node resolves file-type's "node" export, which reads Node streams; the types
    // TypeScript picks (bundler resolution) only declare web streams.
    mime = (await sniff(() => fileTypeFromStream(read() as unknown as Parameters<typeof fileTypeFromStream>[0])))?.mime;
    if (mime === 'application/x-cfb') {
      mime = ext === 'doc' ? 'application/msword' : ext === 'xls' ? 'application/vnd.ms-excel' : undefined;
    }
  }
  return mime && allowedFor(direction, mime) ? mime : null;
}

/** A file name safe to store and to put in a header: no path, no control characters, bounded. */
export function cleanFileName(given: string | undefined, mime: string): string {
  const base = (given ?? '').split(/[\\/]/).pop() ?? '';
  const cleaned = base.replace(/[\u0000-\u001f\u007f"]/g, '').trim().slice(-200);
  if (cleaned && cleaned !== '.' && cleaned !== '..') return cleaned;
  const ext = mime.split('/')[1]?.replace(/[^a-z0-9]/g, '').slice(0, 8) || 'bin';
  return `arquivo.${ext}`;
}
