import type { Readable } from 'node:stream';

/** Raised by `put` when the content passes `maxBytes`; nothing of it is kept. */
export class StorageLimitError extends Error {
  constructor(readonly maxBytes: number) {
    super(`content larger than ${maxBytes} bytes`);
  }
}

export interface StoredObject {
  size: number;
  /** Hex SHA-256 of the content, computed while it streamed. */
  sha256: string;
}

/**
 * Where uploaded files live (DESIGN.md: local disk under DATA_DIR now, S3-compatible later).
 * Keys are relative paths made of safe segments; callers choose them.
 */
export interface Storage {
  /**
   * Streams `body` under `key`. Past `maxBytes` it stops reading, removes what it wrote and
   * throws StorageLimitError; on any failure nothing is left under the key.
   */
  put(key: string, body: Readable, opts: { maxBytes: number }): Promise<StoredObject>;
  /** The content of `key`; throws when it does not exist. */
  get(key: string): Readable;
  exists(key: string): Promise<boolean>;
  /** Removes `key`; a missing key is not an error. */
  remove(key: string): Promise<void>;
}
