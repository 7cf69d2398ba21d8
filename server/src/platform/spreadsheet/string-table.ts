import { closeSync, openSync, readSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { SpreadsheetError } from './errors';

/** Bytes of shared strings kept in memory before the rest goes to a file. */
export const DEFAULT_STRING_BUDGET = 16 * 2 ** 20;
const WINDOW = 256 * 1024;
const OFFSETS_PER_PAGE = 64 * 1024;
/** Offsets are 32-bit: shared strings of more than 4 GiB are refused. */
const MAX_BYTES = 2 ** 32 - 1;

/**
 * The shared strings of a workbook, looked up by index while the sheet streams.
 *
 * Excel stores almost every text cell here (names, e-mails, phones typed as text), so a
 * big sheet brings a big table. The strings are kept as UTF-8 bytes, not as JS strings:
 * far smaller, and free of V8's sliced strings, which would keep whole chunks of the XML
 * alive. The first `budget` bytes — where repeated values such as a group name usually
 * sit — stay in memory; the rest go to a file in the read's temporary folder, with only
 * their offsets in memory (4 bytes each, in pages: no doubling copies). Cells mostly refer
 * to them in increasing order, so file reads go through one reused sliding window.
 */
export class StringTable {
  // offset(i) is where string i starts; offset(count) where the last one ends.
  private readonly pages: Uint32Array[] = [new Uint32Array(OFFSETS_PER_PAGE)];
  private count = 0;
  private memory = Buffer.alloc(64 * 1024);
  private memoryBytes = 0;
  private fd: number | null = null;
  private fileBytes = 0;
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private buffer = Buffer.allocUnsafe(WINDOW);
  private window = Buffer.alloc(0);
  private windowStart = -1;

  constructor(
    private readonly dir: string,
    private readonly budget = DEFAULT_STRING_BUDGET,
  ) {}

  get size(): number {
    return this.count;
  }

  add(value: string): void {
    const length = Buffer.byteLength(value, 'utf8');
    if (this.fd === null && this.memoryBytes + length <= this.budget) {
      if (this.memoryBytes + length > this.memory.length) this.grow(this.memoryBytes + length);
      this.memory.write(value, this.memoryBytes, 'utf8');
      this.memoryBytes += length;
      this.setOffset(++this.count, this.memoryBytes);
      return;
    }
    if (this.fd === null) this.fd = openSync(join(this.dir, 'shared-strings.bin'), 'w+');
    const bytes = Buffer.from(value, 'utf8');
    this.pending.push(bytes);
    this.pendingBytes += bytes.length;
    const end = this.memoryBytes + this.fileBytes + this.pendingBytes;
    if (end > MAX_BYTES) throw new SpreadsheetError('the workbook has more than 4 GB of text');
    this.setOffset(++this.count, end);
    if (this.pendingBytes >= WINDOW) this.flush();
  }

  /** Ends the writing; `get` may be called from now on. */
  seal(): void {
    this.flush();
  }

  get(index: number): string | undefined {
    if (index < 0 || index >= this.count) return undefined;
    const start = this.offset(index);
    const end = this.offset(index + 1);
    if (end <= this.memoryBytes) return this.memory.toString('utf8', start, end);
    const at = start - this.memoryBytes;
    const length = end - start;
    if (at < this.windowStart || at + length > this.windowStart + this.window.length) {
      // One buffer for every read: fresh ones would pile up outside the heap until a major GC.
      if (this.buffer.length < length) this.buffer = Buffer.allocUnsafe(length);
      const read = readSync(this.fd!, this.buffer, 0, this.buffer.length, at);
      this.window = this.buffer.subarray(0, read);
      this.windowStart = at;
    }
    return this.window.toString('utf8', at - this.windowStart, at - this.windowStart + length);
  }

  close(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }

  private offset(i: number): number {
    return this.pages[Math.floor(i / OFFSETS_PER_PAGE)][i % OFFSETS_PER_PAGE];
  }

  private setOffset(i: number, value: number): void {
    const page = Math.floor(i / OFFSETS_PER_PAGE);
    if (page === this.pages.length) this.pages.push(new Uint32Array(OFFSETS_PER_PAGE));
    this.pages[page][i % OFFSETS_PER_PAGE] = value;
  }

  private grow(needed: number): void {
    const bigger = Buffer.alloc(Math.min(Math.max(needed, this.memory.length * 2), this.budget));
    this.memory.copy(bigger, 0, 0, this.memoryBytes);
    this.memory = bigger;
  }

  private flush(): void {
    if (this.fd === null || !this.pending.length) return;
    const data = Buffer.concat(this.pending);
    writeSync(this.fd, data, 0, data.length, this.fileBytes);
    this.fileBytes += data.length;
    this.pending = [];
    this.pendingBytes = 0;
  }
}
