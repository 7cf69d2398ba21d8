import { describe, expect, it } from 'vitest';
import { documentDigits, formatDocument, parseDocument } from './document';

describe('parseDocument — CPF', () => {
  it.each([
    ['123.456.789-09', '12345678909'],
    ['12345678909', '12345678909'],
    ['  529.982.247-25 ', '52998224725'],
    ['529 982 247 25', '52998224725'],
    ['111.444.777-35', '11144477735'],
  ])('accepts %j', (raw, number) => {
    expect(parseDocument(raw)).toEqual({ ok: true, type: 'cpf', number });
  });

  it.each(['123.456.789-00', '123.456.789-19', '52998224724', '111.444.777-53'])('rejects the wrong check digits of %j', (raw) => {
    expect(parseDocument(raw)).toEqual({ ok: false, reason: 'invalid CPF check digits' });
  });

  it.each(['000.000.000-00', '11111111111', '999.999.999-99'])('rejects the repeated digits of %j', (raw) => {
    expect(parseDocument(raw)).toEqual({ ok: false, reason: 'invalid CPF: repeated digits' });
  });

  it.each(['1234567890', '123.456.789-0', '123456789091', '123'])('rejects the length of %j', (raw) => {
    expect(parseDocument(raw)).toEqual({ ok: false, reason: 'CPF must have 11 digits and CNPJ 14' });
  });
});

describe('parseDocument — CNPJ', () => {
  it.each([
    ['12.345.678/0001-95', '12345678000195'],
    ['11.222.333/0001-81', '11222333000181'],
    ['11222333000181', '11222333000181'],
    [' 11 222 333 0001 81 ', '11222333000181'],
    // The Receita's own example of the alphanumeric CNPJ (2026), in upper and lower case.
    ['12.ABC.345/01DE-35', '12ABC34501DE35'],
    ['12abc34501de35', '12ABC34501DE35'],
  ])('accepts %j', (raw, number) => {
    expect(parseDocument(raw)).toEqual({ ok: true, type: 'cnpj', number });
  });

  it.each(['12.345.678/0001-96', '11.222.333/0001-18', '12.ABC.345/01DE-36', '12.ABC.345/01DE-3X'])('rejects the wrong check digits of %j', (raw) => {
    expect(parseDocument(raw)).toEqual({ ok: false, reason: 'invalid CNPJ check digits' });
  });

  it.each(['00.000.000/0000-00', '11111111111111', '99.999.999/9999-99'])('rejects the repeated digits of %j', (raw) => {
    expect(parseDocument(raw)).toEqual({ ok: false, reason: 'invalid CNPJ: repeated digits' });
  });

  it.each(['12.345.678/0001-9', '123456780001951'])('rejects the length of %j', (raw) => {
    expect(parseDocument(raw)).toEqual({ ok: false, reason: 'CPF must have 11 digits and CNPJ 14' });
  });
});

describe('parseDocument — not a document', () => {
  it.each([
    ['', 'document is empty'],
    ['  ', 'document is empty'],
    ['CPF: 123.456.789-09', 'document must be a CPF (11 digits) or a CNPJ (14 characters)'],
    ['12.345.678/0001-95 (matriz)', 'document must be a CPF (11 digits) or a CNPJ (14 characters)'],
    ['#12345678909', 'document must be a CPF (11 digits) or a CNPJ (14 characters)'],
  ])('rejects %j', (raw, reason) => {
    expect(parseDocument(raw)).toEqual({ ok: false, reason });
  });
});

describe('formatDocument and documentDigits', () => {
  it('writes CPF and CNPJ with their punctuation', () => {
    expect(formatDocument('cpf', '12345678909')).toBe('123.456.789-09');
    expect(formatDocument('cnpj', '12345678000195')).toBe('12.345.678/0001-95');
    expect(formatDocument('cnpj', '12ABC34501DE35')).toBe('12.ABC.345/01DE-35');
  });

  it('round-trips: what it formats parses back to the same number', () => {
    for (const raw of ['52998224725', '11222333000181', '12ABC34501DE35']) {
      const parsed = parseDocument(raw);
      if (!parsed.ok) throw new Error(parsed.reason);
      expect(parseDocument(formatDocument(parsed.type, parsed.number))).toEqual(parsed);
    }
  });

  it('leaves a value of the wrong length unformatted', () => {
    expect(formatDocument('cpf', '1234')).toBe('1234');
  });

  it('strips punctuation for search, whatever was typed', () => {
    expect(documentDigits('123.456.789-09')).toBe('12345678909');
    expect(documentDigits(' 12.345.678/0001-95 ')).toBe('12345678000195');
    expect(documentDigits('123.456')).toBe('123456');
    expect(documentDigits('12.abc.345')).toBe('12ABC345');
  });
});
