import i18next from 'i18next';
import type { Language } from '../../i18n/index.js';
import { useI18n } from '../../i18n/index.js';
import type AdminMessages from '../../i18n/locales/admin/en.js';
import type { Leaves, Translation } from '../../i18n/types.js';

/**
 * The console's texts live in their own catalogs (portal/src/i18n/locales/admin/<language>.ts),
 * loaded with the console and merged under `admin.` into the portal's i18next resources, so the
 * initial bundle carries none of them. Pages added to the console add their keys there.
 */
export type AdminKey = Leaves<typeof AdminMessages>;

const loaders: Record<Language, () => Promise<{ default: Translation<typeof AdminMessages> }>> = {
  en: () => import('../../i18n/locales/admin/en.js'),
  de: () => import('../../i18n/locales/admin/de.js'),
  pl: () => import('../../i18n/locales/admin/pl.js'),
  et: () => import('../../i18n/locales/admin/et.js'),
};

const loaded = new Set<Language>();

/** Loads the console's texts of a language (and English, the fallback) once. */
export const loadAdminTexts = async (language: Language): Promise<void> => {
  for (const code of new Set<Language>(['en', language])) {
    if (loaded.has(code)) continue;
    const module = await loaders[code]();
    i18next.addResourceBundle(code, 'translation', { admin: module.default }, true, true);
    loaded.add(code);
  }
};

export const isAdminTextLoaded = (language: Language) => loaded.has(language);

/** The portal's i18n plus `a`, the console's own typed texts. */
export const useAdminI18n = () => {
  const i18n = useI18n();
  const a = (key: AdminKey, values?: Record<string, string | number>): string =>
    i18next.t(`admin.${key}`, values ?? {});
  return { ...i18n, a };
};
