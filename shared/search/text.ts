import { stemmer as englishStemmer } from '@orama/stemmers/english';
import { stemmer as germanStemmer } from '@orama/stemmers/german';
import { STOP_WORDS } from './stop-words.js';

/**
 * How text becomes search terms (docs/search.md). Tickets carry no language, and a client may
 * type German into an English portal, so the analysis is the same for every text: each word
 * is folded (case, accents), dropped when it is a stop word, and indexed as itself plus its
 * stems in the four product languages. A query word matches a term it is a prefix of, or one
 * of its own stems exactly.
 */

export const searchLanguages = ['en', 'de', 'pl', 'et'] as const;
export type SearchLanguage = (typeof searchLanguages)[number];

/** Letters NFKD does not take apart. */
const EXTRA_FOLDS: Record<string, string> = {
  ł: 'l',
  ß: 'ss',
  ø: 'o',
  æ: 'ae',
  œ: 'oe',
  đ: 'd',
  ħ: 'h',
  ı: 'i',
};

/** Lower case, accents removed: `Łódź` → `lodz`, `Straße` → `strasse`, `Müller` → `muller`. */
export const fold = (text: string): string =>
  text
    .toLowerCase()
    .replace(/[łßøæœđħı]/g, (letter) => EXTRA_FOLDS[letter] ?? letter)
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '');

/** Words: runs of letters and digits (after folding). */
export const words = (text: string): string[] => fold(text).match(/[\p{L}\p{N}]+/gu) ?? [];

/** Stop words of the four languages (./stop-words.ts says which and why). */
export const stopWords: ReadonlySet<string> = new Set(STOP_WORDS);

/**
 * A small suffix rule for Polish and Estonian, which @orama/stemmers lacks: strip the longest
 * listed ending that leaves at least four letters, `rounds` times. Crude (no stem alternations:
 * `drukarce` stays apart from `drukarka`), but it joins the common case endings.
 */
const suffixStemmer = (suffixes: readonly string[], rounds: number) => {
  const sorted = [...suffixes].sort((a, b) => b.length - a.length);
  return (word: string): string => {
    let stem = word;
    for (let round = 0; round < rounds; round++) {
      const suffix = sorted.find((ending) => stem.endsWith(ending) && stem.length - ending.length >= 4);
      if (!suffix) break;
      stem = stem.slice(0, -suffix.length);
    }
    return stem;
  };
};

/** Folded Polish noun and adjective endings (ę → e, ą → a, ó → o). */
const polishStemmer = suffixStemmer(
  [
    'ami',
    'ach',
    'om',
    'ow',
    'owi',
    'iem',
    'em',
    'ie',
    'ego',
    'emu',
    'ej',
    'ych',
    'ymi',
    'ich',
    'imi',
    'ym',
    'im',
    'a',
    'e',
    'i',
    'y',
    'u',
    'o',
  ],
  1,
);
/** Estonian case endings (-ga, -sse, -lt…) and the plural/partitive markers under them. */
const estonianStemmer = suffixStemmer(
  ['sse', 'ga', 'ta', 'na', 'ni', 'ks', 'le', 'lt', 'st', 'l', 's', 'de', 'te', 'id', 'd', 't', 'i'],
  2,
);

const stemmers: Record<SearchLanguage, (word: string) => string> = {
  en: (word) => fold(englishStemmer(word)),
  de: (word) => fold(germanStemmer(word)),
  pl: polishStemmer,
  et: estonianStemmer,
};

/** The word's stems in the four languages, without duplicates and without the word itself. */
export const stemsOf = (word: string): string[] => {
  if (/^\p{N}+$/u.test(word) || word.length < 4) return [];
  const stems = new Set<string>();
  for (const language of searchLanguages) {
    const stem = stemmers[language](word);
    if (stem && stem !== word) stems.add(stem);
  }
  return [...stems];
};

/** Stemming is the costly part of indexing: the terms of a word are remembered (bounded). */
const termsCache = new Map<string, readonly string[]>();
const TERMS_CACHE_SIZE = 100_000;

/** The terms one folded word is indexed under: none for a stop word, else itself and its stems. */
export const wordTerms = (word: string): readonly string[] => {
  let terms = termsCache.get(word);
  if (!terms) {
    terms = stopWords.has(word) ? [] : [word, ...stemsOf(word)];
    if (termsCache.size >= TERMS_CACHE_SIZE) termsCache.clear();
    termsCache.set(word, terms);
  }
  return terms;
};

/** The terms a text is indexed under: each word that is not a stop word, and its stems. */
export const indexTerms = (text: string): string[] => words(text).flatMap(wordTerms);

/**
 * The words of a query, in order, without stop words (unless the query is nothing but stop
 * words: then they are searched as typed) and at most `max`.
 */
export const queryWords = (query: string, max = 8): string[] => {
  const all = words(query);
  const meaningful = all.filter((word) => !stopWords.has(word));
  return [...new Set(meaningful.length ? meaningful : all)].slice(0, max);
};
