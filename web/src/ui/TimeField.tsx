import { TextInput, type TextInputProps } from '@mantine/core';

/** Turns quick entries ("8", "830", "8:3", "0830") into HH:MM; anything else is left for validation to flag. */
export function normalizeTime(raw: string): string {
  const value = raw.trim();
  const digits = value.replace(/\D/g, '');
  if (!value || digits.length === 0 || digits.length > 4) return value;
  let h: string;
  let m: string;
  if (value.includes(':')) {
    const [a = '', b = ''] = value.split(':');
    h = a.replace(/\D/g, '');
    m = b.replace(/\D/g, '');
  } else if (digits.length <= 2) {
    h = digits;
    m = '00';
  } else {
    h = digits.slice(0, digits.length - 2);
    m = digits.slice(-2);
  }
  return `${h.padStart(2, '0').slice(-2)}:${m.padEnd(2, '0').slice(0, 2)}`;
}

/**
 * 24-hour HH:MM text field. The native time input follows the browser's locale (AM/PM in many)
 * and cannot show "24:00", which the work-hours contract allows as an end of day.
 */
export function TimeField(props: Omit<TextInputProps, 'onChange'> & { value?: string; onChange?: (value: string) => void }) {
  const { value, onChange, onBlur, ...rest } = props;
  return (
    <TextInput
      {...rest}
      value={value ?? ''}
      placeholder="HH:MM"
      inputMode="numeric"
      maxLength={5}
      autoComplete="off"
      onChange={(e) => onChange?.(e.currentTarget.value)}
      onBlur={(e) => {
        const normalized = normalizeTime(e.currentTarget.value);
        if (normalized !== e.currentTarget.value) onChange?.(normalized);
        onBlur?.(e);
      }}
      styles={{ input: { fontVariantNumeric: 'tabular-nums', textAlign: 'center' } }}
    />
  );
}
