import { stemmer as englishStem } from '@orama/stemmers/english';
import { stemmer as germanStem } from '@orama/stemmers/german';
import { STOP_WORDS_BY_LANGUAGE } from './stop-words.js';

/**
 * Topics of a ticket for trend detection (docs/reports.md): its category, its tags, and the
 * terms of its subject and the start of its description. Terms are lower-cased words of at
 * least three letters, stop words of English, German, Polish and Estonian removed, stemmed in
 * the language the text looks like (the one whose stop words it uses most): English and German
 * with the Snowball stemmers of @orama/stemmers, Polish and Estonian (which it lacks) with a
 * short list of inflection endings cut off.
 */
export const topicKinds = ['category', 'tag', 'term'] as const;
export type TopicKind = (typeof topicKinds)[number];

export interface TopicMention {
  kind: TopicKind;
  /** The key counted: the category or tag as given (lower case), or a term's stem. */
  topic: string;
  /** What a person reads: the word as written. */
  label: string;
}

const languages = ['en', 'de', 'pl', 'et'] as const;
type Language = (typeof languages)[number];

const stopwordsOf: Record<Language, readonly string[]> = STOP_WORDS_BY_LANGUAGE;
const stopwords: Record<Language, Set<string>> = {
  en: new Set(stopwordsOf.en),
  de: new Set(stopwordsOf.de),
  pl: new Set(stopwordsOf.pl),
  et: new Set(stopwordsOf.et),
};
const anyStopword = (word: string) => languages.some((language) => stopwords[language].has(word));

/** Inflection endings, longest first; a stem keeps at least four letters. */
const endings: Record<'pl' | 'et', readonly string[]> = {
  pl: ['ami', 'ach', 'owi', 'ów', 'om', 'em', 'ie', 'ą', 'ę', 'y', 'a', 'e', 'i', 'u', 'o'],
  et: [
    'dega',
    'tele',
    'dele',
    'ga',
    'st',
    'le',
    'lt',
    'ks',
    'ni',
    'na',
    'ta',
    'de',
    'te',
    'sse',
    'l',
    's',
    'd',
    't',
  ],
};
const cutEnding = (word: string, language: 'pl' | 'et') => {
  for (const ending of endings[language]) {
    if (word.endsWith(ending) && word.length - ending.length >= 4) return word.slice(0, -ending.length);
  }
  return word;
};

const stemOf = (word: string, language: Language): string => {
  if (language === 'en') return englishStem(word);
  if (language === 'de') return germanStem(word);
  return cutEnding(word, language);
};

const wordsOf = (text: string): string[] => text.toLowerCase().match(/[\p{L}][\p{L}\p{N}]*/gu) ?? [];

/** The language whose stop words the text uses most (English when none). */
export const languageOf = (words: readonly string[]): Language => {
  let best: Language = 'en';
  let bestHits = 0;
  for (const language of languages) {
    const hits = words.filter((word) => stopwords[language].has(word)).length;
    if (hits > bestHits) {
      best = language;
      bestHits = hits;
    }
  }
  return best;
};

/** How many characters of the description count: the first message, not a pasted log. */
export const DESCRIPTION_CHARS = 500;
export const MAX_TERMS = 12;

export const termsOf = (subject: string, description: string): TopicMention[] => {
  const words = wordsOf(`${subject} ${description.slice(0, DESCRIPTION_CHARS)}`);
  const language = languageOf(words);
  const seen = new Map<string, TopicMention>();
  for (const word of words) {
    if (seen.size >= MAX_TERMS) break;
    if (word.length < 3 || anyStopword(word)) continue;
    const stem = stemOf(word, language);
    if (!seen.has(stem)) seen.set(stem, { kind: 'term', topic: stem, label: word });
  }
  return [...seen.values()];
};

export const topicsOf = (ticket: {
  subject: string;
  description: string;
  category: string | null;
  tags: readonly string[];
}): TopicMention[] => [
  ...(ticket.category
    ? [{ kind: 'category' as const, topic: ticket.category.toLowerCase(), label: ticket.category }]
    : []),
  ...[...new Set(ticket.tags.map((tag) => tag.toLowerCase()))].map((tag) => ({
    kind: 'tag' as const,
    topic: tag,
    label: tag,
  })),
  ...termsOf(ticket.subject, ticket.description),
];

/**
 * The significance of a rise: the signed square root of the log-likelihood ratio statistic
 * (G-test) of `recent` against the count expected if the topic came at the same daily rate in
 * both windows (conditional on the total, a binomial with p = recentDays / (recentDays +
 * baselineDays)). Under no change it is about standard normal; 3 is a one-sided p ≈ 0.0013.
 */
export const riseScore = (
  recent: number,
  baseline: number,
  recentDays: number,
  baselineDays: number,
): number => {
  const total = recent + baseline;
  if (total === 0) return 0;
  const expectedRecent = (total * recentDays) / (recentDays + baselineDays);
  const expectedBaseline = total - expectedRecent;
  const term = (observed: number, expected: number) =>
    observed > 0 ? observed * Math.log(observed / expected) : 0;
  const g = 2 * (term(recent, expectedRecent) + term(baseline, expectedBaseline));
  return Math.sign(recent - expectedRecent) * Math.sqrt(Math.max(0, g));
};

export const TREND_MIN_SCORE = 3;
export const TREND_MIN_RECENT = 5;
