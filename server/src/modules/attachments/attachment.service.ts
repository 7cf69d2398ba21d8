import { randomUUID } from 'node:crypto';
import { Transform, type Readable, type TransformCallback } from 'node:stream';
import { MAX_ATTACHMENT_BYTES } from '@contracts/serving';
import type { Deps } from '../../platform/context';
import type { Executor } from '../../platform/db/client';
import { AppError, validationFailed } from '../../platform/errors';
import { StorageLimitError } from '../../platform/storage';
import { cleanFileName, finalType, HEAD_BYTES, judgeHead, type EarlyVerdict, type UploadDirection } from './attachment.policy';
import * as repo from './attachment.repository';

export const tooLarge = () =>
  new AppError(413, 'payload_too_large', `The file is larger than ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB`, [
    { path: 'file', message: `larger than ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB` },
  ]);
export const typeNotAllowed = () => validationFailed([{ path: 'file', message: 'type not allowed' }], 'This file type is not allowed');

class TypeRefused extends Error {}

/** Holds back the first bytes until their type is judged, then lets the rest through untouched. */
class HeadJudge extends Transform {
  verdict: EarlyVerdict | null = null;
  private chunks: Buffer[] = [];
  private length = 0;

  constructor(private readonly direction: UploadDirection) {
    super();
  }

  _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback) {
    if (this.verdict) return done(null, chunk);
    this.chunks.push(chunk);
    this.length += chunk.length;
    if (this.length < HEAD_BYTES) return done();
    this.judge().then(() => done(null, Buffer.concat(this.chunks)), done);
  }

  _flush(done: TransformCallback) {
    if (this.verdict) return done();
    this.judge().then(() => done(null, Buffer.concat(this.chunks)), done);
  }

  private async judge() {
    const head = Buffer.concat(this.chunks).subarray(0, HEAD_BYTES);
    this.verdict = await judgeHead(this.direction, head);
    if (this.verdict.refused) throw new TypeRefused();
  }
}

export interface UploadInput {
  workspaceId: string;
  /** The agent (null for an API credential) or the customer who sent it. */
  by: { userId: string | null } | { contactId: string };
  direction: UploadDirection;
  file: { fileName?: string; stream: Readable };
}

/**
 * Stores an upload (CHAN-7): the type comes from the bytes, checked against what the sender may
 * send, and the size is capped while streaming. A refused file leaves nothing behind.
 */
export async function saveUpload(deps: Deps, input: UploadInput) {
  const id = randomUUID();
  const month = new Date().toISOString().slice(0, 7);
  const storageKey = `${input.workspaceId}/${month}/${id}`;
  const judge = new HeadJudge(input.direction);
  // pipe() does not carry errors downstream; a broken upload must fail the write.
  input.file.stream.on('error', (err) => judge.destroy(err));
  // The judge may refuse before storage has attached to it; storage still sees the stored error.
  judge.on('error', () => {});
  const checked = input.file.stream.pipe(judge);

  let stored;
  try {
    stored = await deps.storage.put(storageKey, checked, { maxBytes: MAX_ATTACHMENT_BYTES });
  } catch (err) {
    if (err instanceof StorageLimitError) throw tooLarge();
    if (err instanceof TypeRefused) throw typeNotAllowed();
    throw err;
  }
  try {
    if (stored.size === 0) throw validationFailed([{ path: 'file', message: 'empty file' }], 'The file is empty');
    const mimeType = await finalType(input.direction, judge.verdict!, input.file.fileName ?? '', () => deps.storage.get(storageKey));
    if (!mimeType) throw typeNotAllowed();
    return await repo.insertAttachment(deps.db, {
      id,
      workspaceId: input.workspaceId,
      uploadedByUserId: 'userId' in input.by ? input.by.userId : null,
      uploadedByContactId: 'contactId' in input.by ? input.by.contactId : null,
      fileName: cleanFileName(input.file.fileName, mimeType),
      mimeType,
      size: stored.size,
      sha256: stored.sha256,
      storageKey,
    });
  } catch (err) {
    await deps.storage.remove(storageKey);
    throw err;
  }
}

export function getAttachment(db: Executor, workspaceId: string, id: string) {
  return repo.findAttachment(db, workspaceId, id);
}
