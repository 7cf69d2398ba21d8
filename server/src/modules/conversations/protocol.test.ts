import { describe, expect, it } from 'vitest';
import { formatProtocol, localDay } from './protocol';

describe('protocol numbers', () => {
  it('use the local day of the workspace', () => {
    // 01:30 UTC on the 22nd is still the 21st in São Paulo.
    expect(localDay(new Date('2026-11-22T01:30:00Z'), 'America/Sao_Paulo')).toBe('20261121');
    expect(localDay(new Date('2026-11-22T03:00:00Z'), 'America/Sao_Paulo')).toBe('20261122');
  });
  it('pad the sequence to six digits', () => {
    expect(formatProtocol('20261121', 123)).toBe('20261121-000123');
    expect(formatProtocol('20261121', 1234567)).toBe('20261121-1234567');
  });
});
