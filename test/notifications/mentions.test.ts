import { describe, expect, it } from 'vitest';
import { mentionedNames, mentionedStaff } from '#notifications/mentions.js';

const staff = [
  { id: 'u-agnes', email: 'agent@helpdesk.example', name: 'Agnes Agent' },
  { id: 'u-piotr', email: 'agent2@helpdesk.example', name: 'Piotr Agent' },
  { id: 'u-liis', email: 'lead@helpdesk.example', name: 'Liis Lead' },
  { id: 'u-piotr2', email: 'p.kowalski@helpdesk.example', name: 'Piotr Kowalski' },
  { id: 'u-mart', email: 'mart@helpdesk.example', name: 'Märt Tamm' },
];
const ids = (text: string) => mentionedStaff(text, staff).map((person) => person.id);

describe('mentions in internal notes', () => {
  it('reads @names, lower-cased, without the punctuation that ends a sentence', () => {
    expect(mentionedNames('Ask @Liis. Then @p.kowalski, and @Märt-')).toEqual(['liis', 'p.kowalski', 'märt']);
  });

  it('takes no e-mail address in the text for a mention', () => {
    expect(mentionedNames('write to lead@helpdesk.example or x+@y')).toEqual([]);
    expect(ids('write to lead@helpdesk.example')).toEqual([]);
  });

  it('matches the local part of the e-mail address first, case-insensitively', () => {
    expect(ids('@AGENT2 please')).toEqual(['u-piotr']);
    expect(ids('(@lead)')).toEqual(['u-liis']);
    expect(ids('@p.kowalski')).toEqual(['u-piotr2']);
  });

  it('falls back to the first name, telling everyone who shares it', () => {
    expect(ids('@liis')).toEqual(['u-liis']);
    expect(ids('@märt')).toEqual(['u-mart']);
    expect(ids('@piotr').sort()).toEqual(['u-piotr', 'u-piotr2']);
  });

  it('names each person once, and nobody for an unknown name', () => {
    expect(ids('@agent @Agnes @agent')).toEqual(['u-agnes']);
    expect(ids('@nobody @ @')).toEqual([]);
  });
});
