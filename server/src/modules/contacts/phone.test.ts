import { describe, expect, it } from 'vitest';
import { normalizePhone, phoneSearchKey, toE164 } from './phone';

describe('normalizePhone — Brazilian writings', () => {
  it.each([
    // mobiles
    ['(11) 98765-4321', '+5511987654321', 'mobile'],
    ['(11)98765-4321', '+5511987654321', 'mobile'],
    ['11 98765 4321', '+5511987654321', 'mobile'],
    ['11987654321', '+5511987654321', 'mobile'],
    [' 11987654321 ', '+5511987654321', 'mobile'],
    ['011 98765-4321', '+5511987654321', 'mobile'],
    ['011-98765-4321', '+5511987654321', 'mobile'],
    ['0 21 98765-4321', '+5521987654321', 'mobile'],
    ['0xx11 98765-4321', '+5511987654321', 'mobile'],
    ['0XX21987654321', '+5521987654321', 'mobile'],
    ['0 xx 21 98765-4321', '+5521987654321', 'mobile'],
    ['+55 11 98765-4321', '+5511987654321', 'mobile'],
    ['+55 (11) 98765-4321', '+5511987654321', 'mobile'],
    ['+5511987654321', '+5511987654321', 'mobile'],
    ['55 (11) 9 8765-4321', '+5511987654321', 'mobile'],
    ['55 11 98765-4321', '+5511987654321', 'mobile'],
    ['5511987654321', '+5511987654321', 'mobile'],
    ['(11) 9 8765-4321', '+5511987654321', 'mobile'],
    ['+55 (19) 9 9123 4567', '+5519991234567', 'mobile'],
    ['11.98765.4321', '+5511987654321', 'mobile'],
    ['tel:+55-11-98765-4321', '+5511987654321', 'mobile'],
    // copied from a web page or a Word document: no-break space and en dash
    ['(11)\u00a098765\u20134321', '+5511987654321', 'mobile'],
    ['00 55 11 98765-4321', '+5511987654321', 'mobile'],
    // carrier selection code after the trunk 0 (0 + 15 + DDD)
    ['0 15 21 98765-4321', '+5521987654321', 'mobile'],
    // DDD 55 (Rio Grande do Sul) is not the country code
    ['(55) 99123-4567', '+5555991234567', 'mobile'],
    // fixed lines
    ['(11) 3456-7890', '+551134567890', 'fixed'],
    ['+55 21 2345-6789', '+552123456789', 'fixed'],
    ['(061) 3321-4567', '+556133214567', 'fixed'],
    ['61 3321 4567', '+556133214567', 'fixed'],
    ['551134567890', '+551134567890', 'fixed'],
    ['5511 3456-7890', '+551134567890', 'fixed'],
  ])('%j → %s (%s)', (raw, e164, type) => {
    expect(normalizePhone(raw)).toEqual({ ok: true, e164, type });
  });

  it('adds the ninth digit to old 8-digit mobiles', () => {
    expect(normalizePhone('(11) 8765-4321')).toEqual({ ok: true, e164: '+5511987654321', type: 'mobile' });
    expect(normalizePhone('+55 11 8765-4321')).toEqual({ ok: true, e164: '+5511987654321', type: 'mobile' });
    expect(normalizePhone('5511 8765 4321')).toEqual({ ok: true, e164: '+5511987654321', type: 'mobile' });
    expect(normalizePhone('(21) 9876-5432')).toEqual({ ok: true, e164: '+5521998765432', type: 'mobile' });
    // So a mobile missing its last digit cannot be told from an old one starting with 9.
    expect(normalizePhone('+55 11 98765-432')).toEqual({ ok: true, e164: '+5511998765432', type: 'mobile' });
  });

  it('does not add a ninth digit to fixed lines', () => {
    expect(normalizePhone('(11) 2345-6789')).toEqual({ ok: true, e164: '+551123456789', type: 'fixed' });
  });

  it('gives the same E.164 for every writing of one number', () => {
    const writings = ['(11) 98765-4321', '011 98765-4321', '0xx11 98765-4321', '+55 11 98765-4321', '55 (11) 9 8765-4321', '11.98765.4321', '(11) 8765-4321'];
    expect(new Set(writings.map((w) => (normalizePhone(w) as { e164: string }).e164))).toEqual(new Set(['+5511987654321']));
  });
});

describe('normalizePhone — other countries', () => {
  it.each([
    ['+1 (415) 555-2671', '+14155552671', 'unknown'],
    ['+351 912 345 678', '+351912345678', 'mobile'],
    ['+44 20 7946 0958', '+442079460958', 'fixed'],
    ['00 351 912 345 678', '+351912345678', 'mobile'],
  ])('%j → %s', (raw, e164, type) => {
    expect(normalizePhone(raw)).toEqual({ ok: true, e164, type });
  });

  it('reads a foreign number without "+" as Brazilian, and so rejects it', () => {
    expect(normalizePhone('1 415 555 2671')).toEqual({ ok: false, reason: 'invalid phone number' });
  });
});

describe('normalizePhone — rejected', () => {
  it.each([
    ['', 'phone is empty'],
    ['   ', 'phone is empty'],
    ['(11) 3456-7890 ramal 22', 'phone extensions are not supported'],
    ['(11) 3456-7890 r. 22', 'phone extensions are not supported'],
    ['(11) 3456-7890 ext. 12', 'phone extensions are not supported'],
    ['(11) 3456-7890 x12', 'phone extensions are not supported'],
    ['(11) 3456-7890 #12', 'phone extensions are not supported'],
    ['(11) 98765-4321 / (11) 3456-7890', 'write one phone number per field'],
    ['11987654321; 1134567890', 'write one phone number per field'],
    ['(11) 98765-4321 ou (11) 3456-7890', 'write one phone number per field'],
    ['abc', 'phone has characters other than digits'],
    ['11987654321x', 'phone has characters other than digits'],
    ['Maria (11) 98765-4321', 'phone has characters other than digits'],
    ['123', 'phone is too short'],
    ['98765-4321', 'area code (DDD) missing'],
    ['3456-7890', 'area code (DDD) missing'],
    ['(00) 98765-4321', 'invalid phone number'],
    ['(11) 1234-5678', 'invalid phone number'],
    ['+55 11 98765-43', 'invalid phone number'],
    ['119876543210', 'invalid phone number'],
    ['+999 1234 5678', 'invalid phone number'],
    ['1234567890123456789', 'phone is too long'],
  ])('%j: %s', (raw, reason) => {
    expect(normalizePhone(raw)).toEqual({ ok: false, reason });
  });
});

describe('phoneSearchKey', () => {
  it.each([
    ['(11) 98765-4321', '5511987654321'],
    ['(11) 8765-4321', '5511987654321'],
    ['+55 11 98765', '551198765'],
    ['(11) 98765', '1198765'],
    ['011 9876', '119876'],
    ['0xx11 9876', '119876'],
    ['98765-4321', '987654321'],
    ['4321', '4321'],
  ])('%j → %s', (raw, key) => {
    expect(phoneSearchKey(raw)).toBe(key);
  });

  it('is a substring of the stored E.164 of the same number, whatever part was typed', () => {
    const stored = '+5511987654321';
    for (const typed of ['(11) 98765', '98765-4321', '0xx11 98765-4321', '9 8765', '55 11 9']) {
      expect(stored).toContain(phoneSearchKey(typed));
    }
  });

  it.each(['Maria', 'maria 11', '', '  ', '()-'])('is null for %j', (raw) => {
    expect(phoneSearchKey(raw)).toBeNull();
  });
});

describe('toE164', () => {
  it('keeps reading national numbers as Brazilian', () => {
    expect(toE164('(11) 98765-4321')).toBe('+5511987654321');
    expect(toE164('1234')).toBeNull();
  });
});
