import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Readable } from 'node:stream';
import { AppError, validationFailed } from '../errors';
import { StorageLimitError } from '../storage';

/** Room for the multipart envelope around the file when judging a declared Content-Length. */
const ENVELOPE_BYTES = 64 * 1024;

export const fileTooLarge = (maxBytes: number) =>
  new AppError(413, 'payload_too_large', `The file is larger than ${maxBytes / 1024 / 1024} MB`, [{ path: 'file', message: `larger than ${maxBytes / 1024 / 1024} MB` }]);

const fileRequired = () => validationFailed([{ path: 'file', message: 'required: send the spreadsheet as multipart/form-data in the field "file"' }]);

/**
 * Reads a multipart spreadsheet upload: the part `file` goes to `onFile` as a stream (which must
 * consume it), the other fields — before or after the file — are returned as text. A refused
 * upload discards the rest of the body unread.
 */
export async function receiveUpload<T>(
  req: FastifyRequest,
  maxBytes: number,
  onFile: (file: { fileName: string; stream: Readable }) => Promise<T>,
): Promise<{ file: T; fields: Record<string, string> }> {
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (declared > maxBytes + ENVELOPE_BYTES) throw fileTooLarge(maxBytes);
  if (!req.isMultipart()) throw fileRequired();
  const fields: Record<string, string> = {};
  let file: { value: T } | null = null;
  try {
    // One byte past the limit so `onFile` (storage, a reader counting bytes) is the one that refuses.
    for await (const part of req.parts({ limits: { fileSize: maxBytes + 1, files: 1, fields: 10, fieldSize: 1024 } })) {
      if (part.type === 'field') fields[part.fieldname] = String(part.value);
      else if (part.fieldname !== 'file' || file) part.file.resume();
      else file = { value: await onFile({ fileName: part.filename || 'upload', stream: part.file }) };
    }
  } catch (err) {
    req.raw.unpipe();
    req.raw.resume();
    if (err instanceof StorageLimitError || (err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw fileTooLarge(maxBytes);
    throw err;
  }
  if (!file) throw fileRequired();
  return { file: file.value, fields };
}

/** A download with its name in both forms browsers read. */
export function sendDownload(reply: FastifyReply, fileName: string, contentType: string, body: Readable) {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return reply
    .header('content-type', contentType)
    .header('content-disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`)
    .header('cache-control', 'no-store')
    .send(body);
}
