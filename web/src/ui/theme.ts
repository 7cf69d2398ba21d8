import { createTheme, type MantineColorsTuple } from '@mantine/core';

/** Atende's brand: a deep teal, paired with Mantine's indigo in gradients (logo, auth panel). */
const brand: MantineColorsTuple = [
  '#e6f8f7',
  '#c3ede9',
  '#9be0d9',
  '#6fd1c8',
  '#48c2b8',
  '#2bb2a9',
  '#1a9e97',
  '#12857f',
  '#0d6d69',
  '#095753',
];

export const BRAND_GRADIENT = { from: 'brand.6', to: 'indigo.6', deg: 135 } as const;

export const theme = createTheme({
  primaryColor: 'brand',
  primaryShade: 7,
  colors: { brand },
  defaultRadius: 'md',
  fontFamily:
    'Inter, ui-sans-serif, system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif',
  headings: {
    fontWeight: '700',
    sizes: { h1: { fontSize: '1.75rem' }, h2: { fontSize: '1.375rem' }, h3: { fontSize: '1.125rem' } },
  },
  cursorType: 'pointer',
  components: {
    Button: { defaultProps: { fw: 600 } },
    Paper: { defaultProps: { radius: 'lg' } },
    Card: { defaultProps: { radius: 'lg' } },
    Badge: { defaultProps: { radius: 'sm', variant: 'light' } },
    Drawer: { defaultProps: { overlayProps: { backgroundOpacity: 0.35, blur: 2 } } },
    Modal: { defaultProps: { overlayProps: { backgroundOpacity: 0.35, blur: 2 }, centered: true, radius: 'lg' } },
    Tooltip: { defaultProps: { withArrow: true } },
  },
});
