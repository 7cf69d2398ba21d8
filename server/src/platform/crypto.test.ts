import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveSecretKey, SecretBox } from './crypto';

describe('secrets at rest', () => {
  it('seals and opens, with a fresh IV every time', () => {
    const box = new SecretBox('k'.repeat(40));
    const a = box.seal('EAAG-token');
    expect(a).not.toContain('EAAG');
    expect(box.seal('EAAG-token')).not.toBe(a);
    expect(box.open(a)).toBe('EAAG-token');
  });

  it('refuses a tampered value or another key', () => {
    const box = new SecretBox('k'.repeat(40));
    const sealed = box.seal('segredo');
    const tampered = sealed.slice(0, -2) + (sealed.endsWith('A') ? 'BB' : 'AA');
    expect(() => box.open(tampered)).toThrow();
    expect(() => new SecretBox('z'.repeat(40)).open(sealed)).toThrow();
  });

  it('generates SECRET_KEY into DATA_DIR once and reuses it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'atende-key-'));
    const first = resolveSecretKey(undefined, dir);
    expect(resolveSecretKey(undefined, dir)).toBe(first);
    expect(readFileSync(join(dir, 'secret.key'), 'utf8').trim()).toBe(first);
    expect(statSync(join(dir, 'secret.key')).mode & 0o777).toBe(0o600);
    expect(resolveSecretKey('given-key-'.repeat(4), dir)).toBe('given-key-'.repeat(4));
  });
});
