import { describe, expect, it } from 'vitest';
import { passwordProblems } from './password';

describe('password policy (USER-5)', () => {
  it('accepts a password with every class and 8+ characters', () => {
    expect(passwordProblems('Atende@2026')).toEqual([]);
    expect(passwordProblems('Çãoé#123x')).toEqual([]);
  });

  it('names every unmet rule', () => {
    expect(passwordProblems('abc')).toEqual(['min_length', 'uppercase', 'digit', 'special']);
    expect(passwordProblems('ABCDEFGH1!')).toEqual(['lowercase']);
    expect(passwordProblems('Abcdefgh!')).toEqual(['digit']);
    expect(passwordProblems('Abcdefgh1')).toEqual(['special']);
    expect(passwordProblems('Abcdef 12')).toEqual(['special']);
    expect(passwordProblems('Ab1!' + 'x'.repeat(200))).toEqual(['max_length']);
  });
});
