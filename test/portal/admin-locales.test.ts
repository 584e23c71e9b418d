import { describe, expect, it } from 'vitest';
import de from '../../portal/src/i18n/locales/admin/de.js';
import en from '../../portal/src/i18n/locales/admin/en.js';
import et from '../../portal/src/i18n/locales/admin/et.js';
import pl from '../../portal/src/i18n/locales/admin/pl.js';

const entries = (messages: object, prefix = ''): [string, string][] =>
  Object.entries(messages).flatMap(([key, value]): [string, string][] =>
    typeof value === 'string' ? [[`${prefix}${key}`, value]] : entries(value as object, `${prefix}${key}.`),
  );

const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((match) => match[1]).sort();

describe('admin console languages', () => {
  const english = new Map(entries(en));
  for (const [language, messages] of Object.entries({ de, pl, et })) {
    it(`translates every console text into ${language}, with the same placeholders`, () => {
      const translated = new Map(entries(messages));
      expect([...translated.keys()].sort()).toEqual([...english.keys()].sort());
      for (const [key, text] of translated) {
        expect(text.trim(), key).not.toBe('');
        expect(placeholders(text), key).toEqual(placeholders(english.get(key) ?? ''));
        // A text left in English is a forgotten translation (names like "E-mail" or "Status" aside).
        if (text.replace(/\{\{\w+\}\}/g, '').replace(/[^\p{L}]/gu, '').length > 12)
          expect(text, `${language} ${key}`).not.toBe(english.get(key));
      }
    });
  }
});
