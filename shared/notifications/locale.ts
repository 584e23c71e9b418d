/** The languages mails are written in: those of the requirement documents. English is the fallback. */
export const mailLanguages = ['en', 'de', 'pl', 'et'] as const;
export type MailLanguage = (typeof mailLanguages)[number];
export const FALLBACK_LANGUAGE: MailLanguage = 'en';

const isMailLanguage = (value: string): value is MailLanguage =>
  (mailLanguages as readonly string[]).includes(value);

const canonicalLocale = (locale: string | null | undefined): Intl.Locale | null => {
  if (!locale) return null;
  try {
    // Accept the POSIX spelling users and browsers sometimes store (de_AT) as well as BCP 47.
    return new Intl.Locale(locale.trim().replace(/_/g, '-'));
  } catch {
    return null;
  }
};

/** The language a recipient reads: the language of their locale when we write it, else English. */
export const languageFor = (locale: string | null | undefined): MailLanguage => {
  const language = canonicalLocale(locale)?.language;
  return language && isMailLanguage(language) ? language : FALLBACK_LANGUAGE;
};

export interface RecipientFormat {
  language: MailLanguage;
  /** The locale dates and numbers are formatted in: the recipient's, unless we fell back to English. */
  locale: string;
  timeZone: string;
}

const isTimeZone = (timeZone: string): boolean => {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return true;
  } catch {
    return false;
  }
};

/** How to write for a recipient: their language, locale and time zone, each with a safe fallback. */
export const recipientFormat = (locale: string | null | undefined, timeZone: string | null | undefined) => {
  const language = languageFor(locale);
  const canonical = canonicalLocale(locale);
  // A French reader gets English text; formatting their dates the French way would mix languages.
  const formatLocale = canonical && canonical.language === language ? canonical.toString() : language;
  return {
    language,
    locale: formatLocale,
    timeZone: timeZone && isTimeZone(timeZone) ? timeZone : 'UTC',
  } satisfies RecipientFormat;
};

/** A date and time as the recipient reads it, with the time zone named, e.g. "Mon, 23 November 2026, 18:15 CET". */
export const formatDateTime = (iso: string, format: RecipientFormat): string =>
  new Intl.DateTimeFormat(format.locale, {
    weekday: 'short',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: format.timeZone,
    timeZoneName: 'short',
  }).format(new Date(iso));

/** A fraction as a percentage in the recipient's conventions ("50 %" in German, "50%" in English). */
/** A file size for people: bytes, kB or MB (decimal, as file managers show them), in the recipient's locale. */
export const formatBytes = (bytes: number, format: RecipientFormat): string => {
  const number = (value: number, digits: number) =>
    new Intl.NumberFormat(format.locale, { maximumFractionDigits: digits }).format(value);
  if (bytes < 1000) return `${number(bytes, 0)} B`;
  if (bytes < 1_000_000) return `${number(bytes / 1000, bytes < 10_000 ? 1 : 0)} kB`;
  return `${number(bytes / 1_000_000, 1)} MB`;
};

export const formatPercent = (fraction: number, format: RecipientFormat): string =>
  new Intl.NumberFormat(format.locale, { style: 'percent', maximumFractionDigits: 0 }).format(fraction);
