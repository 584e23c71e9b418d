import fc from 'fast-check';
import stopwordsIso from 'stopwords-iso' with { type: 'json' };
import { describe, expect, it } from 'vitest';
import { SegmentIndex } from '#search/engine.js';
import { fold, indexTerms, queryWords, searchLanguages, stopWords } from '#search/text.js';

/** The segment index and the text analysis it uses (docs/search.md). */

const hits = (segment: SegmentIndex, query: string, includeRestricted = true) =>
  [...segment.search({ words: queryWords(query), includeRestricted }).keys()].sort();

describe('text analysis', () => {
  it('folds case and accents, including the letters NFKD keeps whole', () => {
    expect(fold('ŁÓDŹ Straße Müller Zażółć')).toBe('lodz strasse muller zazolc');
  });

  it('takes its stop words from stopwords-iso: the short ones and a few longer function words', () => {
    const iso = stopwordsIso as unknown as Record<string, string[]>;
    const longer = [
      'this',
      'that',
      'with',
      'from',
      'have',
      'were',
      'what',
      'when',
      'which',
      'there',
      'their',
      'about',
      'would',
      'could',
      'should',
      'these',
      'those',
      'been',
      'into',
      'your',
      'they',
      'eine',
      'einen',
      'einem',
      'einer',
      'eines',
      'oder',
      'aber',
      'nicht',
      'auch',
      'sind',
      'wird',
      'haben',
      'dass',
      'mit',
      'sich',
      'dies',
      'diese',
      'wenn',
      'noch',
      'kann',
      'jest',
      'oraz',
      'przez',
      'jako',
      'tylko',
      'jestem',
      'mnie',
      'jednak',
      'selle',
      'seda',
      'mida',
      'kuid',
      'olen',
      'oled',
    ];
    const derived = new Set(
      searchLanguages.flatMap((language) => {
        const list = (iso[language] ?? []).map(fold);
        return [...list.filter((word) => word.length <= 3), ...longer.filter((word) => list.includes(word))];
      }),
    );
    expect([...stopWords].sort()).toEqual([...derived].sort());
  });

  it('drops short stop words of the four languages but keeps help-desk words', () => {
    expect(queryWords('the printer and der Drucker ja się')).toEqual(['printer', 'drucker']);
    for (const word of ['problem', 'help', 'system', 'order', 'test'])
      expect(stopWords.has(word)).toBe(false);
    // A query of nothing but stop words is searched as typed.
    expect(queryWords('the')).toEqual(['the']);
  });

  it('indexes a word with its stems: English, German, the Polish and Estonian suffix rules', () => {
    expect(indexTerms('printers')).toContain('printer');
    expect(indexTerms('Rechnungen')).toContain('rechnung');
    expect(indexTerms('drukarkami')).toContain('drukark');
    expect(indexTerms('printerile')).toContain('printer');
  });
});

describe('a segment', () => {
  const segment = () => {
    const index = SegmentIndex.empty();
    index.put({
      id: 'T1',
      group: 'T1',
      text: 'Drucker im Büro',
      keys: ['HD-2026-000001'],
      version: 1,
      attributes: { status: 'open' },
    });
    index.put({ id: 'T1/M1', group: 'T1', text: 'Please reinstall the driver' });
    index.put({ id: 'T1/M2', group: 'T1', text: 'budget approved', restricted: true });
    index.put({ id: 'T2', group: 'T2', text: 'Nie działa drukarka', version: 1 });
    return index;
  };

  it('survives being written and read back', () => {
    const again = SegmentIndex.fromJSON(segment().toJSON());
    expect(again.documentCount).toBe(4);
    expect(hits(again, 'drucker reinstall')).toEqual(['T1']);
    expect(again.groupsWithKey('hd-2026-000001')).toEqual(['T1']);
    expect(again.attributesOf('T1')).toEqual({ status: 'open' });
  });

  it('leaves restricted documents to searches that include them', () => {
    const index = segment();
    expect(hits(index, 'budget')).toEqual(['T1']);
    expect(hits(index, 'budget', false)).toEqual([]);
  });

  it('replaces a group’s own document only with a newer version, and never repeats a message', () => {
    const index = segment();
    expect(index.put({ id: 'T1', group: 'T1', text: 'old text', version: 1 })).toBe(false);
    expect(index.put({ id: 'T1/M1', group: 'T1', text: 'changed' })).toBe(false);
    expect(
      index.put({ id: 'T1', group: 'T1', text: 'Scanner im Lager', keys: ['HD-2026-000001'], version: 2 }),
    ).toBe(true);
    expect(hits(index, 'buro')).toEqual([]);
    expect(hits(index, 'scanner')).toEqual(['T1']);
    // The message still counts for its ticket.
    expect(hits(index, 'reinstall')).toEqual(['T1']);
    const again = SegmentIndex.fromJSON(index.toJSON());
    expect(again.documentCount).toBe(4);
    expect(hits(again, 'buro')).toEqual([]);
    again.remove('T2');
    expect(hits(again, 'drukarka')).toEqual([]);
  });

  it('finds any indexed word by any of its prefixes of three letters or more', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z]{3,12}$/), fc.integer({ min: 3, max: 12 }), (word, cut) => {
        fc.pre(!stopWords.has(word));
        const index = SegmentIndex.empty();
        index.put({ id: 'A', group: 'A', text: `something ${word} else` });
        index.put({ id: 'B', group: 'B', text: 'unrelated words only' });
        expect(hits(index, word.slice(0, Math.min(cut, word.length)))).toContain('A');
      }),
      { numRuns: 200 },
    );
  });
});
