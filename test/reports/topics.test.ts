import { describe, expect, it } from 'vitest';
import { STOP_WORDS_BY_LANGUAGE } from '#reports/stop-words.js';
import { DESCRIPTION_CHARS, riseScore, termsOf, topicsOf } from '#reports/topics.js';

/**
 * The topics trends count (docs/reports.md "Trends"): a ticket's category, its tags, and the
 * terms of its subject and first message in English, German, Polish and Estonian, stop words
 * removed, forms of one word counted as one topic; and the score of a rise.
 */
const topics = (subject: string, description = '') => termsOf(subject, description).map((m) => m.topic);
const anyStopWord = (word: string) =>
  Object.values(STOP_WORDS_BY_LANGUAGE).some((list) => (list as readonly string[]).includes(word));

describe('trend topics', () => {
  it('counts the category and each tag once, lower-cased, beside the terms', () => {
    expect(
      topicsOf({ subject: 'VPN down', description: '', category: 'Network', tags: ['VPN', 'vpn', 'Remote'] }),
    ).toEqual([
      { kind: 'category', topic: 'network', label: 'Network' },
      { kind: 'tag', topic: 'vpn', label: 'vpn' },
      { kind: 'tag', topic: 'remote', label: 'remote' },
      { kind: 'term', topic: 'vpn', label: 'vpn' },
    ]);
  });

  it.each([
    ['English', 'The printers are not printing', 'Printer broken again', 'printer'],
    ['German', 'Der Drucker druckt nicht mehr', 'Die Druckers sind nicht mehr da', 'druck'],
    ['Polish', 'Drukarka nie drukuje, co mam zrobić', 'Nie mam drukarki, która by działała', 'drukark'],
    ['Estonian', 'Arvuti ei käivitu ja ekraan on must', 'Probleem arvutiga, see ei tööta', 'arvuti'],
  ])('counts two forms of a word as one topic in %s, its stop words left out', (_, one, other, topic) => {
    expect(topics(one)).toContain(topic);
    expect(topics(other)).toContain(topic);
    for (const term of [...topics(one), ...topics(other)]) expect(anyStopWord(term), term).toBe(false);
  });

  it('reads terms from the first message too, its first 500 characters', () => {
    const padding = 'x'.repeat(DESCRIPTION_CHARS);
    expect(topics('Help', 'The mailbox is full')).toContain('mailbox');
    expect(topics('Help', `${padding} mailbox`)).not.toContain('mailbox');
  });

  it('scores a rise by the signed root of the log-likelihood ratio: 0 at the same rate, below 0 for a fall', () => {
    expect(riseScore(7, 28, 7, 28)).toBe(0);
    expect(riseScore(2, 40, 7, 28)).toBeLessThan(0);
    const g = 2 * (40 * Math.log(40 / 9) + 5 * Math.log(5 / 36));
    expect(riseScore(40, 5, 7, 28)).toBeCloseTo(Math.sqrt(g), 10);
  });
});
