import { useEffect, useState } from 'react';
import { TextInput, type TextInputProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../lib/i18n';

/** Day-first for pt-BR, month-first for English; the value given and taken is always ISO YYYY-MM-DD. */
const dayFirst = () => currentLanguage() === 'pt-BR';

export function formatIsoDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return iso;
  return dayFirst() ? `${m[3]}/${m[2]}/${m[1]}` : `${m[2]}/${m[3]}/${m[1]}`;
}

/** Returns ISO for a valid typed date, '' for an empty field, or the raw text so validation can flag it. */
export function parseTypedDate(text: string): string {
  const value = text.trim();
  if (!value) return '';
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  const m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(value);
  if (!m) return value;
  const [day, month] = dayFirst() ? [m[1], m[2]] : [m[2], m[1]];
  const iso = `${m[3]}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
  const date = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(iso) ? iso : value;
}

/**
 * A date typed in the interface language's order. The native date input follows the browser's
 * language instead, which shows MM/DD to a Brazilian user of an English browser.
 */
export function DateField(props: Omit<TextInputProps, 'onChange' | 'value'> & { value?: string; onChange?: (iso: string) => void }) {
  const { value = '', onChange, onBlur, ...rest } = props;
  const { i18n } = useTranslation();
  const [text, setText] = useState(() => formatIsoDate(value));

  useEffect(() => {
    setText(formatIsoDate(value));
  }, [value, i18n.language]);

  return (
    <TextInput
      {...rest}
      value={text}
      placeholder={dayFirst() ? 'DD/MM/AAAA' : 'MM/DD/YYYY'}
      inputMode="numeric"
      maxLength={10}
      autoComplete="off"
      onChange={(e) => setText(e.currentTarget.value)}
      onBlur={(e) => {
        const parsed = parseTypedDate(e.currentTarget.value);
        onChange?.(parsed);
        setText(formatIsoDate(parsed));
        onBlur?.(e);
      }}
    />
  );
}
