import { describe, expect, it } from 'vitest';
import type { TicketFieldDefinition } from '../../portal/src/api/types.js';
import {
  editableFields,
  fieldTextsOf,
  fieldValuesOf,
  missingRequired,
  placeFieldErrors,
} from '../../portal/src/features/tickets/field-values.js';

const label = (en: string) => ({ en, de: en, pl: en, et: en });
const impact: TicketFieldDefinition = {
  id: 'impact',
  label: label('Business impact'),
  type: 'select',
  options: ['Site down', 'Degraded'],
  requiredFor: ['emergency'],
  clientEditable: true,
};
const seats: TicketFieldDefinition = {
  id: 'seats',
  label: label('Seats'),
  type: 'number',
  clientEditable: false,
};
const contract: TicketFieldDefinition = {
  id: 'contract',
  label: label('Contract'),
  type: 'text',
  clientEditable: false,
};

describe('custom fields in the ticket forms', () => {
  it('offers clients only the fields open to them, staff every field', () => {
    expect(editableFields([impact, seats, contract], false)).toEqual([impact]);
    expect(editableFields([impact, seats, contract], true)).toEqual([impact, seats, contract]);
  });

  it('names the required fields left empty for the chosen category only', () => {
    expect(missingRequired([impact, seats], {}, 'emergency')).toEqual(['fields.impact']);
    expect(missingRequired([impact, seats], { impact: '  ' }, 'emergency')).toEqual(['fields.impact']);
    expect(missingRequired([impact, seats], { impact: 'Degraded' }, 'emergency')).toEqual([]);
    expect(missingRequired([impact, seats], {}, 'question')).toEqual([]);
    expect(missingRequired([impact, seats], {}, '')).toEqual([]);
  });

  it('sends the filled values of a new ticket, a number as a number', () => {
    expect(
      fieldValuesOf([impact, seats, contract], { impact: 'Site down', seats: '20', contract: ' ' }),
    ).toEqual({
      impact: 'Site down',
      seats: 20,
    });
  });

  it('sends only what changed on a ticket, an emptied value as null', () => {
    const stored = { impact: 'Site down', seats: 20, contract: 'Gold' };
    const texts = { ...fieldTextsOf(stored), seats: '25', contract: '' };
    expect(fieldValuesOf([impact, seats, contract], texts, stored)).toEqual({ seats: 25, contract: null });
    expect(fieldValuesOf([impact, seats, contract], fieldTextsOf(stored), stored)).toEqual({});
  });

  it('places a refusal at the inputs a form shows, and what names none of them apart', () => {
    // A client's Details or new ticket shows impact only; contract is the help desk's.
    const refusal = [
      { path: 'body.fields.impact', message: 'Pick one of: Site down, Outage' },
      { path: '/fields/contract', message: 'Not yours to set' },
      { path: 'subject', message: 'Too long' },
      { path: '', message: 'The ticket is closed' },
    ];
    expect(placeFieldErrors(refusal, [impact])).toEqual({
      byPath: { 'fields.impact': 'Pick one of: Site down, Outage', subject: 'Too long' },
      general: ['The ticket is closed', 'Not yours to set'],
    });
    // Staff see every field: contract is at its input too.
    expect(placeFieldErrors(refusal, [impact, contract]).byPath['fields.contract']).toBe('Not yours to set');
  });
});
