import i18next from 'i18next';
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { formatDateTime } from '../lib/format.js';
import en, { type Messages } from './locales/en.js';
import type { Leaves, Translation } from './types.js';

export type { Translation };

export const languages = ['en', 'de', 'pl', 'et'] as const;
export type Language = (typeof languages)[number];
export const languageNames: Record<Language, string> = {
  en: 'English',
  de: 'Deutsch',
  pl: 'Polski',
  et: 'Eesti',
};

export type MessageKey = Leaves<Messages>;

/** English ships in the initial bundle; the others load on demand as separate chunks. */
const loaders: Record<Exclude<Language, 'en'>, () => Promise<{ default: Translation<Messages> }>> = {
  de: () => import('./locales/de.js'),
  pl: () => import('./locales/pl.js'),
  et: () => import('./locales/et.js'),
};

const STORAGE_KEY = 'helpdesk.lang';

export const isLanguage = (value: unknown): value is Language =>
  typeof value === 'string' && (languages as readonly string[]).includes(value);

/** The first supported language of a list of BCP 47 tags (`de-AT` → `de`). */
export const pickLanguage = (tags: readonly (string | null | undefined)[]): Language => {
  for (const tag of tags) {
    const base = tag?.toLowerCase().split('-')[0];
    if (isLanguage(base)) return base;
  }
  return 'en';
};

/** The user's explicit choice on this device, else the signed-in account's locale, else the browser's languages. */
export const initialLanguage = (accountLocale?: string): Language => {
  let stored: string | null = null;
  try {
    stored = localStorage.getItem(STORAGE_KEY);
  } catch {
    stored = null;
  }
  return pickLanguage([stored, accountLocale, ...navigator.languages, navigator.language]);
};

export const hasChosenLanguage = (): boolean => {
  try {
    return isLanguage(localStorage.getItem(STORAGE_KEY));
  } catch {
    return false;
  }
};

export const rememberLanguage = (language: Language): void => {
  try {
    localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // private mode: the choice lasts for this page only
  }
};

/** The locale for dates and numbers: the browser's own variant of the UI language (en-GB, de-AT), else the language. */
export const formattingLocale = (language: Language): string =>
  navigator.languages.find((tag) => tag.toLowerCase().split('-')[0] === language) ?? language;

export const setupI18n = async (language: Language): Promise<void> => {
  await i18next.init({
    lng: 'en',
    fallbackLng: 'en',
    resources: { en: { translation: en } },
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  await switchLanguage(language);
};

/** Loads (once) and switches to a language; sets `<html lang>`. */
export const switchLanguage = async (language: Language): Promise<void> => {
  if (language !== 'en' && !i18next.hasResourceBundle(language, 'translation')) {
    const module = await loaders[language]();
    i18next.addResourceBundle(language, 'translation', module.default);
  }
  await i18next.changeLanguage(language);
  document.documentElement.lang = language;
};

export type Translate = (key: MessageKey, values?: Record<string, string | number>) => string;

/** Looks up a key built at run time (a status, an event type), falling back to the raw value. */
export type TranslateDynamic = (key: string, fallback: string) => string;

export interface I18n {
  language: Language;
  locale: string;
  t: Translate;
  tx: TranslateDynamic;
  /** A timestamp in the user's locale and time zone. */
  date: (iso: string | null | undefined) => string;
}

export const makeI18n = (language: Language, timeZone?: string): I18n => ({
  language,
  locale: formattingLocale(language),
  date: (iso) => formatDateTime(iso, formattingLocale(language), timeZone),
  t: (key, values) => i18next.t(key, values ?? {}),
  tx: (key, fallback) => {
    const text = i18next.t(key, { defaultValue: fallback });
    return typeof text === 'string' ? text : fallback;
  },
});

export const I18nContext = createContext<I18n>({
  language: 'en',
  locale: 'en',
  t: (key) => key,
  tx: (_key, fallback) => fallback,
  date: (iso) => iso ?? '',
});

export const useI18n = (): I18n => useContext(I18nContext);
