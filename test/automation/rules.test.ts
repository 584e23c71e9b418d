import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { automationRulesChangeEntity } from '#platform/table/automation.js';
import { call, startTestRuntime, type TestRuntime } from '../support/runtime.js';

/**
 * Automation rules on the local runtime: the admin routes (ETag/If-Match, validation, audit),
 * rules applied inside the ticket's own transaction (what the create answers already carries
 * them), a failing rule that does not stop the ticket, the depth limit, and the test endpoint
 * answering what a real change then does.
 */
let rt: TestRuntime;
let admin: string;
let agent: string;
let client: string;

const printerRule = {
  id: 'printers',
  name: 'Printers are urgent',
  when: ['ticket.created'],
  if: { all: [{ field: 'subject', op: 'matches', value: '\\bprinter\\b' }] },
  then: [
    { action: 'set', field: 'priority', value: 'urgent' },
    { action: 'addTags', tags: ['hardware'] },
    { action: 'addNote', body: 'Check the toner first' },
  ],
};
const brokenRule = {
  id: 'broken',
  name: 'Broken queue',
  when: ['ticket.created'],
  if: { all: [{ field: 'subject', op: 'contains', value: 'scanner' }] },
  then: [
    { action: 'addTags', tags: ['never'] },
    { action: 'set', field: 'queue', value: 'nowhere' },
  ],
};
const waitingRule = {
  id: 'waiting',
  name: 'Tag waiting tickets',
  when: ['ticket.updated'],
  if: { all: [{ field: 'status', op: 'eq', value: 'pending' }] },
  then: [{ action: 'addTags', tags: ['waiting'] }],
};
const pingPong = [
  {
    id: 'ping',
    name: 'Ping',
    when: ['ticket.created', 'ticket.updated'],
    if: {
      all: [
        { field: 'tags', op: 'ne', value: 'ping' },
        { field: 'subject', op: 'contains', value: 'loop' },
      ],
    },
    then: [
      { action: 'addTags', tags: ['ping'] },
      { action: 'removeTags', tags: ['pong'] },
    ],
  },
  {
    id: 'pong',
    name: 'Pong',
    when: ['ticket.updated'],
    if: { all: [{ field: 'tags', op: 'eq', value: 'ping' }] },
    then: [
      { action: 'addTags', tags: ['pong'] },
      { action: 'removeTags', tags: ['ping'] },
    ],
  },
];

const getRules = () => call(`${rt.api}/automation/rules`, { token: admin });

const putRules = async (rules: unknown[], ifMatch?: string) => {
  const etag = ifMatch ?? (await getRules()).headers.get('etag') ?? '';
  return call(`${rt.api}/automation/rules`, {
    method: 'PUT',
    token: admin,
    headers: { 'if-match': etag },
    body: { rules },
  });
};

const create = async (subject: string) => {
  const created = await call(`${rt.api}/tickets`, {
    method: 'POST',
    token: client,
    body: { subject, description: 'Automation test' },
  });
  expect(created.status).toBe(201);
  return created.body;
};

const history = async (id: string) =>
  (await call(`${rt.api}/tickets/${id}/events?limit=100`, { token: agent })).body.items as {
    type: string;
    note?: string;
    actor: { name: string };
    changes: { field: string; to: unknown }[];
  }[];

beforeAll(async () => {
  rt = await startTestRuntime();
  admin = await rt.token('admin@helpdesk.example');
  agent = await rt.token('agent@helpdesk.example');
  client = await rt.token('client@acme.example');
});

afterAll(async () => {
  await rt?.stop();
});

describe('automation rules over HTTP', () => {
  it('starts empty at version 0, refuses an invalid list naming the field, and saves nothing', async () => {
    const empty = await getRules();
    expect(empty.status).toBe(200);
    expect(empty.body).toEqual({ rules: [] });
    expect(empty.headers.get('etag')).toBe('"0"');

    const refused = await putRules([
      { ...printerRule, then: [{ action: 'set', field: 'priority', value: 'asap' }] },
    ]);
    expect(refused.status).toBe(400);
    expect(refused.headers.get('content-type')).toBe('application/problem+json');
    expect(refused.body.errors.map((e: { path: string }) => e.path)).toContain('rules.0.then.0.value');
    expect((await getRules()).headers.get('etag')).toBe('"0"');
  });

  it('saves the ordered list with If-Match, refuses a stale one (412), and audits every save', async () => {
    const saved = await putRules([printerRule, brokenRule, waitingRule]);
    expect(saved.status).toBe(200);
    expect(saved.headers.get('etag')).toBe('"1"');
    const stale = await putRules([], '"0"');
    expect(stale.status).toBe(412);

    const { Item } = await rt.db.send(
      new GetCommand({
        TableName: rt.tableName,
        Key: automationRulesChangeEntity.key(1),
        ConsistentRead: true,
      }),
    );
    expect(Item).toMatchObject({ version: 1, before: [], actor: { role: 'admin' } });
    expect(Item?.after.map((rule: { id: string }) => rule.id)).toEqual(['printers', 'broken', 'waiting']);
    expect(Date.parse(String(Item?.at))).toBeGreaterThan(0);
  });

  it('applies created rules inside the create: the answer already carries them, the history says by rule', async () => {
    const ticket = await create('The printer on floor 2 is on fire');
    expect(ticket).toMatchObject({ priority: 'urgent', tags: ['hardware'] });
    const events = await history(ticket.id);
    const byRule = events.find((e) => e.type === 'ticket.updated');
    expect(byRule).toMatchObject({
      note: 'by rule Printers are urgent',
      actor: { name: 'rule Printers are urgent' },
    });
    expect(byRule?.changes.map((c) => c.field)).toEqual(['priority', 'tags']);

    const staffMessages = await call(`${rt.api}/tickets/${ticket.id}/messages`, { token: agent });
    expect(staffMessages.body.items).toEqual([
      expect.objectContaining({ body: 'Check the toner first', internal: true }),
    ]);
    const clientMessages = await call(`${rt.api}/tickets/${ticket.id}/messages`, { token: client });
    expect(JSON.stringify(clientMessages.body)).not.toContain('toner');
    // The SLA clocks run under the policy of the priority the rule set.
    expect(ticket.sla.policyId).toBe('urgent');
  });

  it('saves the ticket when a rule fails: the failure is in the history and nothing of the rule applied', async () => {
    const ticket = await create('The scanner jams');
    expect(ticket.queue).toBe('general');
    expect(ticket.tags).toEqual([]);
    const failed = (await history(ticket.id)).find((e) => e.type === 'automation.failed');
    expect(failed?.note).toContain(
      "Rule Broken queue failed and changed nothing: There is no queue 'nowhere'",
    );
  });

  it('runs updated rules inside a PATCH', async () => {
    const ticket = await create('Password reset');
    const patched = await call(`${rt.api}/tickets/${ticket.id}`, {
      method: 'PATCH',
      token: agent,
      body: { status: 'pending' },
    });
    expect(patched.status).toBe(200);
    expect(patched.body.tags).toEqual(['waiting']);
  });

  it('stops rules that trigger each other at depth 3, and the test endpoint answers what the change did', async () => {
    expect((await putRules([...pingPong, printerRule])).status).toBe(200);
    const input = { subject: 'A loop about the printer', description: 'Automation test' };
    const tested = await call(`${rt.api}/automation/rules/test`, {
      method: 'POST',
      token: admin,
      body: { ticket: input },
    });
    expect(tested.status).toBe(200);
    expect(tested.body.stoppedAtDepth).toBe(true);
    expect(tested.body.fired.map((f: { ruleId: string; depth: number }) => `${f.ruleId}@${f.depth}`)).toEqual(
      ['ping@1', 'printers@1', 'pong@2', 'ping@3', 'pong@3'],
    );

    const ticket = await create(input.subject);
    expect({
      priority: ticket.priority,
      queue: ticket.queue,
      category: ticket.category,
      status: ticket.status,
      tags: ticket.tags,
      assignee: ticket.assignee?.id ?? null,
    }).toEqual(tested.body.ticket);
    const events = await history(ticket.id);
    expect(events.some((e) => e.type === 'automation.depth-limit')).toBe(true);
    const notes = events.filter((e) => e.type === 'ticket.updated').map((e) => e.note);
    expect(notes).toEqual([
      'by rule Ping',
      'by rule Printers are urgent',
      'by rule Pong',
      'by rule Ping',
      'by rule Pong',
    ]);
  });

  it('tests a draft list without saving it', async () => {
    const tested = await call(`${rt.api}/automation/rules/test`, {
      method: 'POST',
      token: admin,
      body: { ticket: { subject: 'Scanner', priority: 'low' }, rules: [brokenRule] },
    });
    expect(tested.status).toBe(200);
    expect(tested.body.fired).toEqual([
      expect.objectContaining({ ruleId: 'broken', error: expect.any(String) }),
    ]);
    expect((await getRules()).body.rules.map((r: { id: string }) => r.id)).toEqual([
      'ping',
      'pong',
      'printers',
    ]);
  });

  it('runs message.created rules from the change stream, on the new message', async () => {
    const refundRule = {
      id: 'refunds',
      name: 'Refund requests',
      when: ['message.created'],
      if: { all: [{ field: 'message.body', op: 'contains', value: 'refund' }] },
      then: [
        { action: 'set', field: 'priority', value: 'high' },
        { action: 'addTags', tags: ['refund'] },
      ],
    };
    expect((await putRules([refundRule])).status).toBe(200);
    const ticket = await create('Invoice question');
    const posted = await call(`${rt.api}/tickets/${ticket.id}/messages`, {
      method: 'POST',
      token: client,
      body: { body: 'I would like a REFUND please' },
    });
    expect(posted.status).toBe(201);
    await rt.drained();
    const after = (await call(`${rt.api}/tickets/${ticket.id}`, { token: agent })).body;
    expect(after).toMatchObject({ priority: 'high', tags: ['refund'] });
    expect((await history(ticket.id)).filter((e) => e.note === 'by rule Refund requests')).toHaveLength(1);
    expect(after.sla.policyId).toBe('high');
    expect(rt.deadLetters()).toEqual([]);
  });
});
