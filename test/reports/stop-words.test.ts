import stopwordsIso from 'stopwords-iso' with { type: 'json' };
import { describe, expect, it } from 'vitest';
import { STOP_WORDS_BY_LANGUAGE } from '#reports/stop-words.js';

describe('the stop words of trend topics', () => {
  it("are exactly stopwords-iso's lists of English, German, Polish and Estonian", () => {
    const iso = stopwordsIso as unknown as Record<string, string[]>;
    for (const language of ['en', 'de', 'pl', 'et'] as const) {
      expect([...STOP_WORDS_BY_LANGUAGE[language]], language).toEqual(iso[language]);
    }
  });
});
