import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Readable } from 'node:stream';
import { MAX_ATTACHMENT_BYTES } from '@contracts/serving';
import { validationFailed } from '../../platform/errors';
import { tooLarge } from './attachment.service';
import type { AttachmentRow } from './attachment.repository';

/** Room for the multipart envelope around the file when judging a declared Content-Length. */
const ENVELOPE_BYTES = 64 * 1024;

const fileRequired = () =>
  validationFailed([{ path: 'file', message: 'required: send the file as multipart/form-data in the field "file"' }]);

/**
 * Reads the one file of a multipart request and hands its stream to `save`. When `save` refuses
 * before the end (too big, forbidden type), the rest of the body is discarded unread into
 * storage: the client still gets the answer, and nothing more reaches the disk.
 */
export async function withUploadedFile<T>(
  req: FastifyRequest,
  save: (file: { fileName?: string; stream: Readable }) => Promise<T>,
): Promise<T> {
  // An honest client announcing more than the limit is refused before a byte is read.
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (declared > MAX_ATTACHMENT_BYTES + ENVELOPE_BYTES) throw tooLarge();
  if (!req.isMultipart()) throw fileRequired();
  // One byte past the limit so storage, not busboy, is the one that notices and refuses.
  const part = await req.file({ limits: { fileSize: MAX_ATTACHMENT_BYTES + 1, files: 1, fields: 10 } }).catch(() => undefined);
  if (!part || part.fieldname !== 'file') {
    discardRest(req);
    throw fileRequired();
  }
  try {
    return await save({ fileName: part.filename, stream: part.file });
  } catch (err) {
    discardRest(req);
    throw err;
  }
}

function discardRest(req: FastifyRequest) {
  req.raw.unpipe();
  req.raw.resume();
}

/** Streams a stored file with its sniffed type; images and PDFs open in the browser. */
export function sendAttachment(reply: FastifyReply, row: AttachmentRow, body: Readable) {
  const inline = row.mimeType.startsWith('image/') || row.mimeType === 'application/pdf';
  const ascii = row.fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  // Chromium will not render a PDF inside a sandboxed document; the sniffed type is enough there.
  if (row.mimeType !== 'application/pdf') reply.header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; sandbox");
  return reply
    .header('content-type', row.mimeType)
    .header('content-length', String(row.size))
    .header(
      'content-disposition',
      `${inline ? 'inline' : 'attachment'}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(row.fileName)}`,
    )
    // The type was sniffed: the browser must not guess another.
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'private, max-age=86400, immutable')
    .send(body);
}
