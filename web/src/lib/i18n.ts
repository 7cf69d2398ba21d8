import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { ptBR } from './locales/pt-BR';
import { en } from './locales/en';
import { ptBRServing } from './locales/pt-BR.serving';
import { enServing } from './locales/en.serving';
import { ptBRConfig } from './locales/pt-BR.config';
import { enConfig } from './locales/en.config';
import { ptBRGroups } from './locales/pt-BR.groups';
import { enGroups } from './locales/en.groups';
import { ptBRWhatsapp } from './locales/pt-BR.whatsapp';
import { enWhatsapp } from './locales/en.whatsapp';
import { ptBRHours } from './locales/pt-BR.hours';
import { enHours } from './locales/en.hours';
import { ptBRAutomation } from './locales/pt-BR.automation';
import { enAutomation } from './locales/en.automation';
import { ptBRContacts } from './locales/pt-BR.contacts';
import { enContacts } from './locales/en.contacts';

// Each area keeps its texts in its own files; they merge here under distinct top-level keys.
const ptBRMessages = { ...ptBR, ...ptBRServing, ...ptBRConfig, ...ptBRGroups, ...ptBRWhatsapp, ...ptBRHours, ...ptBRAutomation, ...ptBRContacts };
const enMessages = { ...en, ...enServing, ...enConfig, ...enGroups, ...enWhatsapp, ...enHours, ...enAutomation, ...enContacts };

export const LANGUAGES = [
  { code: 'pt-BR', label: 'Português (Brasil)', short: 'PT' },
  { code: 'en', label: 'English', short: 'EN' },
] as const;
export type Language = (typeof LANGUAGES)[number]['code'];

const STORAGE_KEY = 'atende.language';

function storedLanguage(): Language | null {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return LANGUAGES.some((l) => l.code === value) ? (value as Language) : null;
  } catch {
    return null;
  }
}

/** Maps any tag (en-US, pt) onto a supported language, or null. */
export function supportedLanguage(tag: string | null | undefined): Language | null {
  if (!tag) return null;
  const lower = tag.toLowerCase();
  if (lower.startsWith('pt')) return 'pt-BR';
  if (lower.startsWith('en')) return 'en';
  return null;
}

export function currentLanguage(): Language {
  return supportedLanguage(i18n.resolvedLanguage ?? i18n.language) ?? 'pt-BR';
}

/** An explicit choice of the person; it wins over the workspace default from then on. */
export function setLanguage(language: Language) {
  try {
    localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // Private mode without storage: the choice lasts for this page only.
  }
  void i18n.changeLanguage(language);
}

/** The workspace's locale applies until the person picks a language themselves. */
export function applyWorkspaceLanguage(locale: string | null | undefined) {
  const language = supportedLanguage(locale);
  if (!storedLanguage() && language && language !== currentLanguage()) void i18n.changeLanguage(language);
}

i18n.on('languageChanged', (lng) => {
  document.documentElement.lang = lng;
});

void i18n.use(initReactI18next).init({
  resources: { 'pt-BR': { translation: ptBRMessages }, en: { translation: enMessages } },
  lng: storedLanguage() ?? 'pt-BR',
  fallbackLng: 'pt-BR',
  interpolation: { escapeValue: false },
  returnNull: false,
  showSupportNotice: false,
});

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof ptBRMessages };
  }
}

export default i18n;
