import { describe, expect, it } from 'vitest';
import { conditionHolds, MAX_DEPTH, type RuleLookups, runRules } from '#automation/evaluate.js';
import { type Condition, parseRuleDocument, type Rule } from '#automation/rule.js';
import type { Ticket } from '#tickets/schemas.js';
import { emptySla } from '#tickets/sla-state.js';

/** The rule engine as a pure function: every condition, every action, the depth limit, a failing rule. */
const ticket = (fields: Partial<Ticket> = {}): Ticket => ({
  id: 't1',
  reference: 'HD-2026-000001',
  subject: 'Printer on fire',
  description: 'Smoke from tray 2, URGENT',
  status: 'new',
  priority: 'normal',
  category: 'Incident',
  tags: ['printer', 'floor-2'],
  queue: 'general',
  orgId: 'acme',
  requester: { id: 'u-client', email: 'client@acme.example', name: 'Alice' },
  assignee: null,
  channel: 'web',
  version: 1,
  createdAt: '2026-03-02T08:00:00.000Z',
  updatedAt: '2026-03-02T08:00:00.000Z',
  sla: emptySla(),
  ...fields,
});

const lookups: RuleLookups = {
  assignee: async (id) => (id === 'u-agent' ? { id, email: 'agent@helpdesk.example', name: 'Agnes' } : null),
  queueExists: async (queue) => ['general', 'hardware'].includes(queue),
};

const rules = (list: unknown[]): Rule[] => parseRuleDocument({ rules: list }).rules;

const holds = (condition: Condition, fields: Partial<Ticket> = {}, message?: { body: string }) =>
  conditionHolds(condition, {
    ticket: ticket(fields),
    ...(message ? { message: { ...message, channel: 'email' as const } } : {}),
  });

describe('conditions', () => {
  it('eq and ne compare without regard to case, and null means empty', () => {
    expect(holds({ field: 'priority', op: 'eq', value: 'NORMAL' })).toBe(true);
    expect(holds({ field: 'priority', op: 'ne', value: 'normal' })).toBe(false);
    expect(holds({ field: 'assignee', op: 'eq', value: null })).toBe(true);
    expect(holds({ field: 'category', op: 'ne', value: null })).toBe(true);
    expect(
      holds(
        { field: 'assignee', op: 'eq', value: 'u-agent' },
        { assignee: { id: 'u-agent', email: 'a@x', name: 'A' } },
      ),
    ).toBe(true);
  });

  it('in takes a list; contains and matches read texts; tags match when any tag does', () => {
    expect(holds({ field: 'queue', op: 'in', value: ['hardware', 'general'] })).toBe(true);
    expect(holds({ field: 'channel', op: 'in', value: ['email'] })).toBe(false);
    expect(holds({ field: 'description', op: 'contains', value: 'urgent' })).toBe(true);
    expect(holds({ field: 'subject', op: 'matches', value: '^printer\\b' })).toBe(true);
    expect(holds({ field: 'subject', op: 'matches', value: 'scanner|fax' })).toBe(false);
    expect(holds({ field: 'tags', op: 'eq', value: 'printer' })).toBe(true);
    expect(holds({ field: 'tags', op: 'contains', value: 'floor' })).toBe(true);
    expect(holds({ field: 'tags', op: 'ne', value: 'printer' })).toBe(false);
    expect(holds({ field: 'tags', op: 'ne', value: 'vip' })).toBe(true);
    expect(holds({ field: 'orgId', op: 'eq', value: 'acme' })).toBe(true);
    expect(holds({ field: 'status', op: 'in', value: ['new', 'open'] })).toBe(true);
  });

  it('gt and lt order priorities by urgency, numbers as numbers and dates as text', () => {
    expect(holds({ field: 'priority', op: 'gt', value: 'low' })).toBe(true);
    expect(holds({ field: 'priority', op: 'lt', value: 'normal' })).toBe(false);
    expect(holds({ field: 'priority', op: 'gt', value: 'high' }, { priority: 'urgent' })).toBe(true);
    expect(holds({ field: 'category', op: 'gt', value: 'A' })).toBe(true);
  });

  it('reads the new message for message.body and message.channel, and nothing without one', () => {
    expect(
      holds({ field: 'message.body', op: 'contains', value: 'refund' }, {}, { body: 'I want a REFUND' }),
    ).toBe(true);
    expect(holds({ field: 'message.channel', op: 'eq', value: 'email' }, {}, { body: 'x' })).toBe(true);
    expect(holds({ field: 'message.body', op: 'contains', value: 'refund' })).toBe(false);
  });

  it('refuses a malformed condition, naming its field', () => {
    const attempt = (condition: unknown) => () =>
      parseRuleDocument({
        rules: [
          {
            id: 'r',
            name: 'R',
            when: ['ticket.created'],
            if: { all: [condition] },
            then: [{ action: 'addTags', tags: ['x'] }],
          },
        ],
      });
    expect(attempt({ field: 'queue', op: 'in', value: 'general' })).toThrow(/rules\.0\.if\.all\.0\.value/);
    expect(attempt({ field: 'subject', op: 'matches', value: '(' })).toThrow(/Not a regular expression/);
    expect(attempt({ field: 'colour', op: 'eq', value: 'red' })).toThrow(/rules\.0\.if\.all\.0\.field/);
  });
});

describe('actions', () => {
  it('sets priority, queue, category, status and assignee, and records each change', async () => {
    const run = await runRules(
      rules([
        {
          id: 'route',
          name: 'Route printers',
          when: ['ticket.created'],
          if: { all: [{ field: 'subject', op: 'contains', value: 'printer' }] },
          then: [
            { action: 'set', field: 'priority', value: 'urgent' },
            { action: 'set', field: 'queue', value: 'hardware' },
            { action: 'set', field: 'category', value: 'Emergency' },
            { action: 'set', field: 'status', value: 'open' },
            { action: 'set', field: 'assignee', value: 'u-agent' },
          ],
        },
      ]),
      'ticket.created',
      { ticket: ticket() },
      lookups,
    );
    expect(run.ticket).toMatchObject({
      priority: 'urgent',
      queue: 'hardware',
      category: 'Emergency',
      status: 'open',
      assignee: { id: 'u-agent' },
    });
    expect(
      run.applications[0]?.changes.map((c) => `${c.field}:${String(c.from)}→${JSON.stringify(c.to)}`),
    ).toEqual([
      'priority:normal→"urgent"',
      'queue:general→"hardware"',
      'category:Incident→"Emergency"',
      'status:new→"open"',
      'assignee:null→{"id":"u-agent","email":"agent@helpdesk.example","name":"Agnes"}',
    ]);
  });

  it('adds and removes tags, adds notes, and asks for mails and webhook calls', async () => {
    const run = await runRules(
      rules([
        {
          id: 'tidy',
          name: 'Tidy',
          when: ['ticket.created'],
          then: [
            { action: 'addTags', tags: ['hardware', 'printer'] },
            { action: 'removeTags', tags: ['floor-2'] },
            { action: 'addNote', body: 'Check the fire extinguisher' },
            { action: 'sendMail', template: 'ticket-created', to: 'queue' },
            { action: 'callWebhook', webhookId: 'hook-1' },
          ],
        },
      ]),
      'ticket.created',
      { ticket: ticket() },
      lookups,
    );
    expect(run.ticket.tags).toEqual(['printer', 'hardware']);
    expect(run.applications[0]).toMatchObject({
      notes: ['Check the fire extinguisher'],
      requests: [
        { action: 'sendMail', template: 'ticket-created', to: 'queue' },
        { action: 'callWebhook', webhookId: 'hook-1' },
      ],
    });
  });

  it('skips inactive rules and rules of other events; any needs one condition, all needs every one', async () => {
    const run = await runRules(
      rules([
        {
          id: 'off',
          name: 'Off',
          active: false,
          when: ['ticket.created'],
          then: [{ action: 'addTags', tags: ['off'] }],
        },
        { id: 'upd', name: 'Upd', when: ['ticket.updated'], then: [{ action: 'addTags', tags: ['upd'] }] },
        {
          id: 'any',
          name: 'Any',
          when: ['ticket.created'],
          if: {
            any: [
              { field: 'channel', op: 'eq', value: 'email' },
              { field: 'priority', op: 'eq', value: 'normal' },
            ],
          },
          then: [{ action: 'addTags', tags: ['any'] }],
        },
        {
          id: 'all',
          name: 'All',
          when: ['ticket.created'],
          if: {
            all: [
              { field: 'channel', op: 'eq', value: 'email' },
              { field: 'priority', op: 'eq', value: 'normal' },
            ],
          },
          then: [{ action: 'addTags', tags: ['all'] }],
        },
      ]),
      'ticket.created',
      { ticket: ticket({ tags: [] }) },
      lookups,
    );
    // `any` changed the tags, so the ticket.updated pass ran: `upd` fired at depth 2, and once
    // more at depth 3, where it changed nothing, so the run ended there.
    expect(run.applications.map((a) => `${a.ruleId}@${a.depth}`)).toEqual(['any@1', 'upd@2', 'upd@3']);
    expect(run.stoppedAtDepth).toBe(false);
    expect(run.ticket.tags).toEqual(['any', 'upd']);
  });

  it('a failing rule changes nothing and the rules after it still run', async () => {
    const run = await runRules(
      rules([
        {
          id: 'bad',
          name: 'Bad queue',
          when: ['ticket.created'],
          then: [
            { action: 'set', field: 'priority', value: 'high' },
            { action: 'set', field: 'queue', value: 'nowhere' },
          ],
        },
        {
          id: 'close',
          name: 'Close at once',
          when: ['ticket.created'],
          then: [{ action: 'set', field: 'status', value: 'closed' }],
        },
        { id: 'good', name: 'Good', when: ['ticket.created'], then: [{ action: 'addNote', body: 'Seen' }] },
      ]),
      'ticket.created',
      { ticket: ticket() },
      lookups,
    );
    expect(run.ticket.priority).toBe('normal');
    expect(run.ticket.status).toBe('new');
    expect(run.applications.map((a) => [a.ruleId, a.error ?? 'ok'])).toEqual([
      ['bad', "There is no queue 'nowhere'"],
      ['close', expect.stringContaining("cannot go from 'new' to 'closed'")],
      ['good', 'ok'],
    ]);
  });
});

describe('loop safety', () => {
  it(`stops rules that keep triggering each other after ${MAX_DEPTH} passes`, async () => {
    const run = await runRules(
      rules([
        {
          id: 'up',
          name: 'Up',
          when: ['ticket.created', 'ticket.updated'],
          if: { all: [{ field: 'priority', op: 'eq', value: 'normal' }] },
          then: [{ action: 'set', field: 'priority', value: 'high' }],
        },
        {
          id: 'down',
          name: 'Down',
          when: ['ticket.updated'],
          if: { all: [{ field: 'priority', op: 'eq', value: 'high' }] },
          then: [{ action: 'set', field: 'priority', value: 'normal' }],
        },
      ]),
      'ticket.created',
      { ticket: ticket() },
      lookups,
    );
    expect(run.stoppedAtDepth).toBe(true);
    expect(Math.max(...run.applications.map((a) => a.depth))).toBe(MAX_DEPTH);
    expect(run.applications.map((a) => `${a.ruleId}@${a.depth}`)).toEqual([
      'up@1',
      'down@2',
      'up@3',
      'down@3',
    ]);
  });
});
