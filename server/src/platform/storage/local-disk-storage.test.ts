import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { LocalDiskStorage, StorageLimitError } from '.';

const MB = 1024 * 1024;

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => e.name);
}

/** A lazy source of `total` bytes that records how much was pulled from it. */
function source(total: number, chunk = 64 * 1024) {
  const state = { pulled: 0 };
  const stream = new Readable({
    read() {
      if (state.pulled >= total) return void this.push(null);
      const n = Math.min(chunk, total - state.pulled);
      state.pulled += n;
      this.push(Buffer.alloc(n, 7));
    },
  });
  return { stream, state };
}

describe('LocalDiskStorage', () => {
  it('stores a stream and reports its size and SHA-256', async () => {
    const root = mkdtempSync(join(tmpdir(), 'storage-'));
    const storage = new LocalDiskStorage(root);
    const r = await storage.put('ws/2026/a.txt', Readable.from([Buffer.from('olá '), Buffer.from('mundo')]), { maxBytes: 100 });
    expect(r).toEqual({ size: Buffer.byteLength('olá mundo'), sha256: createHash('sha256').update('olá mundo').digest('hex') });
    expect(await storage.exists('ws/2026/a.txt')).toBe(true);
    expect(await text(storage.get('ws/2026/a.txt'))).toBe('olá mundo');
    await storage.remove('ws/2026/a.txt');
    expect(await storage.exists('ws/2026/a.txt')).toBe(false);
    await storage.remove('ws/2026/a.txt'); // removing twice is fine
  });

  it('stops a 17 MB stream at a 16 MB limit without reading it all, and keeps nothing', async () => {
    const root = mkdtempSync(join(tmpdir(), 'storage-'));
    const storage = new LocalDiskStorage(root);
    const { stream, state } = source(17 * MB);
    await expect(storage.put('ws/big.bin', stream, { maxBytes: 16 * MB })).rejects.toBeInstanceOf(StorageLimitError);
    expect(state.pulled).toBeLessThan(17 * MB);
    expect(filesUnder(root)).toEqual([]);
    expect(await storage.exists('ws/big.bin')).toBe(false);
  });

  it('accepts content of exactly the limit', async () => {
    const root = mkdtempSync(join(tmpdir(), 'storage-'));
    const storage = new LocalDiskStorage(root);
    const { stream } = source(MB);
    expect((await storage.put('ws/exact.bin', stream, { maxBytes: MB })).size).toBe(MB);
    expect(filesUnder(root)).toEqual(['exact.bin']);
  });

  it('removes the partial file when the source fails midway', async () => {
    const root = mkdtempSync(join(tmpdir(), 'storage-'));
    const storage = new LocalDiskStorage(root);
    let sent = 0;
    const failing = new Readable({
      read() {
        if (sent++ < 3) this.push(Buffer.alloc(1024, 1));
        else this.destroy(new Error('connection reset'));
      },
    });
    await expect(storage.put('ws/broken.bin', failing, { maxBytes: MB })).rejects.toThrow('connection reset');
    expect(filesUnder(root)).toEqual([]);
  });

  it('refuses keys that could leave its root', async () => {
    const storage = new LocalDiskStorage(mkdtempSync(join(tmpdir(), 'storage-')));
    for (const key of ['../x', 'a/../../x', '/etc/passwd', 'a//b', '.hidden', 'a/./b']) {
      await expect(storage.put(key, Readable.from([Buffer.from('x')]), { maxBytes: 10 }), key).rejects.toThrow('invalid storage key');
    }
  });
});
