import { describe, expect, it } from 'vitest';
import type { SlaPolicy } from '../../portal/src/api/types.js';
import { durationSeconds } from '../../portal/src/features/sla/duration.js';
import {
  fromWire,
  newDraft,
  placeServerErrors,
  toWire,
  validateDrafts,
} from '../../portal/src/features/sla/policy-form.js';

const messages = {
  required: 'required',
  invalidDuration: 'duration',
  invalidFraction: 'fraction',
  increasing: 'increasing',
};

const urgent: SlaPolicy = {
  id: 'urgent',
  name: 'Urgent tickets',
  match: { priority: ['urgent'], category: [], orgId: ['acme', 'globex'], channel: [] },
  calendarId: '24x7',
  targets: { timeToOpen: 'PT15M', timeToResolve: 'PT4H', totalServiceTime: 'PT8H' },
  reminders: [0.5, 0.8],
  atRisk: 0.8,
  pickupTimeout: 'PT20M',
  autoCloseAfter: 'PT72H',
};

describe('SLA policy editor', () => {
  it('reads ISO-8601 durations and plain seconds', () => {
    expect(durationSeconds('PT15M')).toBe(900);
    expect(durationSeconds('P1DT2H')).toBe(93_600);
    expect(durationSeconds('90')).toBe(90);
    expect(durationSeconds('PT')).toBeNull();
    expect(durationSeconds('15 minutes')).toBeNull();
  });

  it('sends back exactly the policy it loaded when nothing was edited', () => {
    expect(toWire(fromWire(urgent))).toEqual(urgent);
  });

  it('flags bad durations, fractions and missing names before saving', () => {
    // Prepare
    const draft = {
      ...newDraft('x', 0),
      name: ' ',
      timeToOpen: '15 min',
      reminders: '0.5, 1.2',
      atRisk: 'abc',
    };
    // Act
    const errors = validateDrafts([draft], messages);
    // Assess
    expect(errors).toEqual({
      '0.name': 'required',
      '0.targets.timeToOpen': 'duration',
      '0.reminders': 'fraction',
      '0.atRisk': 'fraction',
    });
  });

  it('refuses two policies with the same id', () => {
    const errors = validateDrafts([newDraft('a', 0), newDraft('b', 0)], messages);
    expect(Object.keys(errors)).toEqual(['1.id']);
  });

  it("puts the API's validation errors on the field they are about", () => {
    const placed = placeServerErrors([
      { path: 'policies.1.targets.timeToResolve', message: 'too short' },
      { path: 'policies.0.match.priority.0', message: 'unknown priority' },
      { path: 'policies', message: 'at most 50 policies' },
    ]);
    expect(placed.byField).toEqual({
      '1.targets.timeToResolve': 'too short',
      '0.match.priority': 'unknown priority',
    });
    expect(placed.general).toEqual(['policies: at most 50 policies']);
  });

  it('switches a clock or the pick-up timeout off when its box is left empty', () => {
    // Prepare
    const draft = { ...fromWire(urgent), timeToOpen: '', pickupTimeout: ' ', atRisk: '' };
    // Act
    const errors = validateDrafts([draft], messages);
    const policy = toWire(draft);
    // Assess
    expect(errors).toEqual({});
    expect(policy.targets.timeToOpen).toBeNull();
    expect(policy.pickupTimeout).toBeNull();
    expect(policy.atRisk).toBeNull();
    expect(toWire(fromWire(policy))).toEqual(policy);
  });

  it('asks for reminders in increasing order and auto-close to stay on', () => {
    const draft = { ...newDraft('x', 0), reminders: '0.8, 0.5', autoCloseAfter: '', timeToResolve: 'P400D' };
    expect(validateDrafts([draft], messages)).toEqual({
      '0.reminders': 'increasing',
      '0.autoCloseAfter': 'required',
      '0.targets.timeToResolve': 'duration',
    });
  });
  it('keeps idleAfter as entered, leaves it out when empty (off) and flags a bad one', () => {
    // Prepare
    const idle = { ...urgent, idleAfter: 'P2DT4H' };
    // Act
    const draft = fromWire(idle);
    // Assess
    expect(draft.idleAfter).toBe('P2DT4H');
    expect(toWire(draft)).toEqual(idle);
    expect(toWire({ ...draft, idleAfter: '' })).not.toHaveProperty('idleAfter');
    expect(validateDrafts([{ ...draft, idleAfter: '2 days' }], messages)).toEqual({
      '0.idleAfter': 'duration',
    });
    expect(placeServerErrors([{ path: 'policies.0.idleAfter', message: 'too long' }]).byField).toEqual({
      '0.idleAfter': 'too long',
    });
  });
});
