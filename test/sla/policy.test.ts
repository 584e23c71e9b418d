import { describe, expect, it } from 'vitest';
import { Invalid } from '#platform/errors.js';
import { durationSeconds } from '#sla/duration.js';
import { defaultPolicies, matchPolicy, parsePolicyDocument, type SlaPolicyInput } from '#sla/policy.js';

const urgent: SlaPolicyInput = {
  id: 'urgent',
  name: 'Urgent tickets',
  match: { priority: ['urgent'], category: [], orgId: [], channel: [] },
  calendarId: '24x7',
  targets: { timeToOpen: 'PT15M', timeToResolve: 'PT4H', totalServiceTime: 'PT8H' },
  reminders: [0.5, 0.8],
  atRisk: 0.8,
  pickupTimeout: 'PT20M',
  autoCloseAfter: 'PT72H',
};

const invalidErrors = (input: unknown, calendars?: string[]) => {
  try {
    parsePolicyDocument(input, calendars);
  } catch (error) {
    if (error instanceof Invalid) return error.errors ?? [];
    throw error;
  }
  throw new Error('expected the document to be refused');
};

const ticket = {
  priority: 'normal' as const,
  category: null,
  orgId: 'acme',
  channel: 'web' as const,
};

describe('policy document', () => {
  it('accepts the documented example policy as it is and returns it unchanged', () => {
    const document = parsePolicyDocument({ policies: [urgent] });

    expect(document).toEqual({ policies: [urgent] });
  });

  it('accepts the default policies', () => {
    expect(parsePolicyDocument({ policies: defaultPolicies() }).policies.map((p) => p.id)).toEqual([
      'urgent',
      'high',
      'normal',
      'low',
    ]);
  });

  it('fills in what a short policy leaves out', () => {
    const document = parsePolicyDocument({
      policies: [
        {
          id: 'all',
          name: 'All',
          targets: { timeToOpen: 60, timeToResolve: 'PT5M', totalServiceTime: null },
        },
      ],
    });

    expect(document.policies[0]).toMatchObject({
      match: { priority: [], category: [], orgId: [], channel: [] },
      calendarId: '24x7',
      reminders: [0.5, 0.8],
      atRisk: 0.8,
      pickupTimeout: null,
      autoCloseAfter: 'PT72H',
    });
  });

  it('names the field of a malformed duration in the path and in the message', () => {
    const errors = invalidErrors({
      policies: [urgent, { ...urgent, id: 'other', targets: { ...urgent.targets, timeToOpen: 'PT15X' } }],
    });

    expect(errors).toEqual([
      {
        path: 'policies.1.targets.timeToOpen',
        message: expect.stringMatching(
          /^policies\.1\.targets\.timeToOpen: 'PT15X' is not an ISO-8601 duration/,
        ),
      },
    ]);
  });

  it('refuses months, fractions of a second and zero', () => {
    const errors = invalidErrors({
      policies: [{ ...urgent, targets: { timeToOpen: 'P1M', timeToResolve: 'PT0.5S', totalServiceTime: 0 } }],
    });

    expect(errors.map((e) => e.path)).toEqual([
      'policies.0.targets.timeToOpen',
      'policies.0.targets.timeToResolve',
      'policies.0.targets.totalServiceTime',
    ]);
    expect(errors[0]?.message).toContain('no fixed length');
  });

  it('refuses a second policy with the same id', () => {
    expect(invalidErrors({ policies: [urgent, urgent] })).toEqual([
      {
        path: 'policies.1.id',
        message: "policies.1.id: Policy id 'urgent' is already used by policies.0",
      },
    ]);
  });

  it('refuses reminders out of order and fractions outside (0, 1)', () => {
    const errors = invalidErrors({ policies: [{ ...urgent, reminders: [0.8, 0.5], atRisk: 1 }] });

    expect(errors.map((e) => e.path)).toEqual(['policies.0.reminders.1', 'policies.0.atRisk']);
  });

  it('refuses a calendar that does not exist', () => {
    expect(invalidErrors({ policies: [{ ...urgent, calendarId: 'office' }] }, ['24x7'])).toEqual([
      {
        path: 'policies.0.calendarId',
        message: "policies.0.calendarId: no calendar 'office' (known: 24x7)",
      },
    ]);
  });

  it('refuses fields it does not know', () => {
    expect(invalidErrors({ policies: [{ ...urgent, escalateTo: 'boss' }] })[0]?.message).toMatch(
      /^policies\.0: Unrecognized key/,
    );
  });
});

describe('durations', () => {
  it('reads ISO-8601 durations and seconds alike', () => {
    expect(durationSeconds('PT15M')).toBe(900);
    expect(durationSeconds('P1DT2H')).toBe(93_600);
    expect(durationSeconds('P1W')).toBe(604_800);
    expect(durationSeconds('PT0.1M')).toBe(6);
    expect(durationSeconds('P0Y2D')).toBe(172_800);
    expect(durationSeconds(5)).toBe(5);
  });
});

describe('policy matching', () => {
  const policies = parsePolicyDocument({
    policies: [
      { ...urgent, id: 'acme-email', match: { orgId: ['acme'], channel: ['email'] } },
      { ...urgent, id: 'billing', match: { category: ['Billing'] } },
      urgent,
      { ...urgent, id: 'fallback', match: {} },
    ],
  }).policies;

  it('applies the first policy whose conditions all match', () => {
    expect(matchPolicy(policies, { ...ticket, priority: 'urgent', category: 'Billing' })?.id).toBe('billing');
    expect(matchPolicy(policies, { ...ticket, priority: 'urgent' })?.id).toBe('urgent');
  });

  it('needs every non-empty condition to match', () => {
    expect(matchPolicy(policies, { ...ticket, channel: 'email' })?.id).toBe('acme-email');
    expect(matchPolicy(policies, { ...ticket, orgId: 'globex', channel: 'email' })?.id).toBe('fallback');
  });

  it('never matches a category condition for a ticket without a category', () => {
    expect(matchPolicy(policies, ticket)?.id).toBe('fallback');
  });

  it('gives no policy when none matches', () => {
    expect(matchPolicy(policies.slice(0, 3), ticket)).toBeNull();
  });

  it('matches the default policies by priority', () => {
    const defaults = defaultPolicies();

    expect(matchPolicy(defaults, { ...ticket, priority: 'low' })?.id).toBe('low');
    expect(matchPolicy(defaults, { ...ticket, priority: 'urgent' })?.targets.timeToOpen).toBe('PT15M');
  });
});
