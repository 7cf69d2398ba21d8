import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { access, mkdir, rename, rm } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import { Transform, type Readable, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { StorageLimitError, type Storage, type StoredObject } from './storage';

const SAFE_KEY = /^[A-Za-z0-9][A-Za-z0-9._-]*(\/[A-Za-z0-9][A-Za-z0-9._-]*)*$/;

/** Counts and hashes the bytes going through, and fails the pipeline past the limit. */
class Meter extends Transform {
  size = 0;
  private readonly hash = createHash('sha256');
  constructor(private readonly maxBytes: number) {
    super();
  }
  _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback) {
    this.size += chunk.length;
    if (this.size > this.maxBytes) return done(new StorageLimitError(this.maxBytes));
    this.hash.update(chunk);
    done(null, chunk);
  }
  digest() {
    return this.hash.digest('hex');
  }
}

/** Files under `<root>/<key>`; writes go to a temporary name renamed into place when complete. */
export class LocalDiskStorage implements Storage {
  private readonly root: string;

  constructor(root: string) {
    this.root = resolve(root);
  }

  private pathOf(key: string): string {
    // Keys come from our own code, but a path outside the root must be impossible regardless.
    if (!SAFE_KEY.test(key) || key.split('/').some((s) => s === '..' || s === '.')) {
      throw new Error(`invalid storage key: ${key}`);
    }
    const path = join(this.root, key);
    if (!path.startsWith(this.root + sep)) throw new Error(`invalid storage key: ${key}`);
    return path;
  }

  async put(key: string, body: Readable, opts: { maxBytes: number }): Promise<StoredObject> {
    const path = this.pathOf(key);
    await mkdir(dirname(path), { recursive: true });
    // A reader never sees a half-written file, and a crash leaves only a *.part to sweep.
    const partial = `${path}.${randomBytes(6).toString('hex')}.part`;
    const meter = new Meter(opts.maxBytes);
    const file = createWriteStream(partial, { flags: 'wx' });
    try {
      await pipeline(body, meter, file);
      await rename(partial, path);
    } catch (err) {
      // A stream destroyed before its open() finished still creates the file afterwards:
      // remove it only once the descriptor is closed, or the partial outlives the refusal.
      if (!file.closed) await new Promise<void>((done) => file.once('close', () => done()));
      await rm(partial, { force: true });
      throw err;
    }
    return { size: meter.size, sha256: meter.digest() };
  }

  get(key: string): Readable {
    return createReadStream(this.pathOf(key));
  }

  async exists(key: string): Promise<boolean> {
    try {
      await access(this.pathOf(key));
      return true;
    } catch {
      return false;
    }
  }

  async remove(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }
}
