import { randomBytes } from 'node:crypto';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { streamConsumers } from '#functions/stream/consumers.js';
import { DynamoInbox } from '#notifications/adapters/dynamodb-inbox.js';
import type { InboxEntry } from '#notifications/inbox.js';
import type { StreamHandler } from '#platform/adapters/stream-consumer.js';
import { passesFilters } from '#platform/stream.js';
import { systemClock } from '#platform/system.js';
import { eventEntity } from '#platform/table/ticket.js';
import { call, type DemoLogin, startTestRuntime, type TestRuntime } from '../support/runtime.js';
import { insertRecordOf } from '../support/stream-records.js';

/**
 * The agent-notifications consumer on the local stack: changes are made through the HTTP API,
 * the local change stream hands their events to the consumer (`settle` waits for it), and the
 * outcome is what staff see: their notifications through the API, their mails in the SES
 * emulator. Repeated records are handed to the handler directly: the event items read back
 * from DynamoDB Local, marshalled as the stream's NewImage.
 */

interface CapturedMail {
  destination: { to: string[] };
  subject: string;
  body: { text?: string; html?: string };
}

const consumer = streamConsumers.find((candidate) => candidate.name === 'agent-notifications');
let rt: TestRuntime;
let handler: StreamHandler;
const tokens = {} as Record<'client' | 'agent' | 'agent2' | 'lead' | 'admin', string>;
const run = randomBytes(3).toString('hex');
let sequence = 0;
const leaver = { address: `leaver.${run}@helpdesk.example`, id: '', token: '' };

beforeAll(async () => {
  rt = await startTestRuntime();
  // After the runtime set the environment: the wiring reads it at module load.
  ({ handler } = (await import('#functions/stream/agent-notifications.js')) as { handler: StreamHandler });
  const logins: Record<keyof typeof tokens, DemoLogin> = {
    client: 'client@acme.example',
    agent: 'agent@helpdesk.example',
    agent2: 'agent2@helpdesk.example',
    lead: 'lead@helpdesk.example',
    admin: 'admin@helpdesk.example',
  };
  for (const [who, login] of Object.entries(logins))
    tokens[who as keyof typeof tokens] = await rt.token(login);
  // An agent of the desk from the start (in every staff list the consumer keeps), deactivated later.
  const invited = await call(`${rt.api}/users`, {
    method: 'POST',
    token: tokens.admin,
    body: { email: leaver.address, name: `Lea ${run}`, role: 'agent' },
  });
  expect(invited.status).toBe(201);
  leaver.id = invited.body.id;
  leaver.token = await rt.userToken({ ...invited.body, locale: 'en', timeZone: 'UTC', orgId: null });
});
afterAll(() => rt.stop());

/** The ticket's event items as stored, oldest first (the collection header left out). */
const eventItems = async (ticketId: string) => {
  const result = await rt.db.send(
    new QueryCommand({
      TableName: rt.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :sk)',
      ExpressionAttributeValues: { ':pk': `TICKET#${ticketId}`, ':sk': 'EVENT#' },
    }),
  );
  return (result.Items ?? []).filter((item) => !eventEntity.header.is(item));
};

const recordOf = (item: Record<string, unknown>): DynamoDBRecord => {
  sequence += 1;
  return insertRecordOf(item, String(sequence).padStart(21, '0'));
};

/** Waits until the local stream handed every change so far to the consumers, none given up on. */
const settle = async () => {
  await rt.drained();
  expect(rt.deadLetters()).toEqual([]);
};

/** The ticket's newest event as a stream record, and whether the consumer's filters let it through. */
const latestRecord = async (ticketId: string) => {
  const record = recordOf((await eventItems(ticketId)).at(-1) ?? {});
  return { record, passes: passesFilters(consumer?.filters ?? [], record) };
};

const newTicket = async (token: string, extra: Record<string, unknown> = {}) => {
  const subject = `Printer ${run}-${randomBytes(3).toString('hex')}`;
  const created = await call(`${rt.api}/tickets`, {
    method: 'POST',
    token,
    body: { subject, description: 'Nothing comes out of the printer on floor 2.', ...extra },
  });
  expect(created.status).toBe(201);
  return { id: created.body.id as string, subject, reference: created.body.reference as string };
};

const assign = async (ticketId: string, token: string, assignee: string | null) => {
  const patched = await call(`${rt.api}/tickets/${ticketId}`, { method: 'PATCH', token, body: { assignee } });
  expect(patched.status).toBe(200);
};

const post = async (ticketId: string, token: string, body: string, internal = false) => {
  const posted = await call(`${rt.api}/tickets/${ticketId}/messages`, {
    method: 'POST',
    token,
    body: { body, internal },
  });
  expect(posted.status).toBe(201);
};

const notificationsOf = async (token: string, query = '') => {
  const listed = await call(`${rt.api}/me/notifications${query}`, { token });
  expect(listed.status).toBe(200);
  return listed.body as {
    items: { id: string; kind: string; ticketId: string; read: boolean; excerpt: string | null }[];
    nextCursor: string | null;
    unread: number;
  };
};

const aboutTicket = async (token: string, ticketId: string) =>
  (await notificationsOf(token, '?limit=100')).items.filter((item) => item.ticketId === ticketId);

/** The kinds of the person's notifications about the ticket, newest first. */
const kindsAbout = async (token: string, ticketId: string) =>
  (await aboutTicket(token, ticketId)).map((item) => item.kind);

/** Mails about one ticket (its subject is unique to this test) to one address. */
const mailsTo = async (address: string, subject: string) => {
  const store = (await (await fetch(`${rt.sesUrl}/store`)).json()) as { emails: CapturedMail[] };
  return store.emails.filter(
    (mail) => mail.subject.includes(subject) && mail.destination.to.some((to) => to.includes(`<${address}>`)),
  );
};

/** What each mail about the ticket to this address says, without the reference and the ticket subject. */
const mailSubjectsTo = async (address: string, subject: string) =>
  (await mailsTo(address, subject))
    .map((mail) => mail.subject.replace(/^\[[^\]]+\] /, '').replace(`: ${subject}`, ''))
    .sort();

const setMail = async (token: string, mail: Record<string, boolean>) => {
  const saved = await call(`${rt.api}/me/preferences`, { method: 'PUT', token, body: { mail } });
  expect(saved.status).toBe(200);
};

describe('agent notifications: who is told of what', () => {
  it('tells every agent of a new ticket, in the product and by mail, without the client footer', async () => {
    // Prepare
    const ticket = await newTicket(tokens.client);

    // Act
    await settle();

    // Assess
    for (const [token, address] of [
      [tokens.agent, 'agent@helpdesk.example'],
      [tokens.agent2, 'agent2@helpdesk.example'],
    ] as const) {
      const items = await aboutTicket(token, ticket.id);
      expect(items).toMatchObject([{ kind: 'ticketCreated', read: false }]);
      expect(items[0]?.excerpt).toContain('Nothing comes out of the printer');
      const mails = await mailsTo(address, ticket.subject);
      expect(mails).toHaveLength(1);
      expect(mails[0]?.subject).toContain(`[${ticket.reference}]`);
      expect(mails[0]?.body.text).toContain(`http://portal.test/tickets/${ticket.id}`);
      expect(mails[0]?.body.text).not.toMatch(/keep it in the subject|w temacie/);
    }
    // Leads and admins are not the queue's agents; the client is never notified.
    expect(await aboutTicket(tokens.lead, ticket.id)).toEqual([]);
    expect(await mailsTo('client@acme.example', ticket.subject)).toHaveLength(1); // the acknowledgement only
  });

  it('does not tell the agent who opened the ticket for a client', async () => {
    // Prepare
    const ticket = await newTicket(tokens.agent, { requester: { email: 'client@acme.example' } });

    // Act
    await settle();

    // Assess
    expect(await aboutTicket(tokens.agent, ticket.id)).toEqual([]);
    expect(await mailsTo('agent@helpdesk.example', ticket.subject)).toEqual([]);
    expect(await aboutTicket(tokens.agent2, ticket.id)).toMatchObject([{ kind: 'ticketCreated' }]);
  });

  it('tells only the assignee of a client reply, and the queue when nobody is assigned', async () => {
    // Prepare
    const assigned = await newTicket(tokens.client);
    await assign(assigned.id, tokens.agent2, 'user-agent');
    const unassigned = await newTicket(tokens.client);

    // Act
    await post(assigned.id, tokens.client, 'Still broken after the restart.');
    await settle();
    await post(unassigned.id, tokens.client, 'Any news?');
    await settle();

    // Assess
    expect(await kindsAbout(tokens.agent, assigned.id)).toEqual([
      'clientReplied',
      'ticketAssigned',
      'ticketCreated',
    ]);
    expect((await aboutTicket(tokens.agent, assigned.id))[0]?.excerpt).toBe(
      'Still broken after the restart.',
    );
    expect(await kindsAbout(tokens.agent2, assigned.id)).toEqual(['ticketCreated']);
    expect(await mailSubjectsTo('agent@helpdesk.example', assigned.subject)).toEqual([
      'Alice Acme replied',
      'Assigned to you',
      'New ticket in General',
    ]);
    const [reply] = (await mailsTo('agent@helpdesk.example', assigned.subject)).filter((mail) =>
      mail.subject.includes('replied'),
    );
    expect(reply?.body.text).toContain('Still broken after the restart.');
    for (const token of [tokens.agent, tokens.agent2]) {
      expect(await kindsAbout(token, unassigned.id)).toEqual(['clientReplied', 'ticketCreated']);
    }
  });

  it('tells nobody of a staff reply', async () => {
    // Prepare
    const ticket = await newTicket(tokens.client);
    await assign(ticket.id, tokens.agent, 'me');

    // Act
    await post(ticket.id, tokens.agent2, 'We are on it.');
    await settle();

    // Assess: each was told of the new ticket, of nothing since.
    expect(await kindsAbout(tokens.agent, ticket.id)).toEqual(['ticketCreated']);
    expect(await kindsAbout(tokens.agent2, ticket.id)).toEqual(['ticketCreated']);
  });

  it('tells the assignee when the client reopens the ticket', async () => {
    // Prepare
    const ticket = await newTicket(tokens.client);
    await assign(ticket.id, tokens.lead, 'user-agent2');
    await settle();
    const resolved = await call(`${rt.api}/tickets/${ticket.id}/resolve`, {
      method: 'POST',
      token: tokens.agent2,
      body: { message: 'Replaced the toner.' },
    });
    expect(resolved.status).toBe(200);

    // Act
    const reopened = await call(`${rt.api}/tickets/${ticket.id}/reopen`, {
      method: 'POST',
      token: tokens.client,
      body: { message: 'The toner was not the cause.' },
    });
    expect(reopened.status).toBe(200);
    await settle();

    // Assess
    expect(await kindsAbout(tokens.agent2, ticket.id)).toEqual([
      'ticketReopened',
      'ticketAssigned',
      'ticketCreated',
    ]);
    expect((await aboutTicket(tokens.agent2, ticket.id))[0]?.excerpt).toBe('The toner was not the cause.');
    expect(await kindsAbout(tokens.agent, ticket.id)).toEqual(['ticketCreated']);
    // Piotr reads Polish: the new ticket, the assignment and the reopen, each once.
    expect(await mailSubjectsTo('agent2@helpdesk.example', ticket.subject)).toEqual([
      'Nowe zgłoszenie w kolejce General',
      'Przypisane do Ciebie',
      'Zgłoszenie ponownie otwarte (Alice Acme)',
    ]);
  });

  it('tells the new assignee of an assignment and a transfer, but not someone assigning themselves', async () => {
    // Prepare
    const ticket = await newTicket(tokens.client);

    // Act
    await assign(ticket.id, tokens.agent, 'me');
    await settle();
    await assign(ticket.id, tokens.lead, 'user-agent2');
    await settle();
    await assign(ticket.id, tokens.lead, null);
    await settle();

    // Assess
    expect(await kindsAbout(tokens.agent, ticket.id)).toEqual(['ticketCreated']);
    expect(await kindsAbout(tokens.agent2, ticket.id)).toEqual(['ticketAssigned', 'ticketCreated']);
    expect(await kindsAbout(tokens.lead, ticket.id)).toEqual([]);
  });

  it('tells colleagues mentioned in an internal note by address or first name, never the author', async () => {
    // Prepare
    const ticket = await newTicket(tokens.client);

    // Act
    await post(
      ticket.id,
      tokens.agent,
      '@PIOTR can you check the driver? cc @lead. Not agent@helpdesk.example, and @agent is me.',
      true,
    );
    await settle();

    // Assess
    expect(await kindsAbout(tokens.agent2, ticket.id)).toEqual(['mentioned', 'ticketCreated']);
    expect(await kindsAbout(tokens.lead, ticket.id)).toEqual(['mentioned']);
    expect(await kindsAbout(tokens.agent, ticket.id)).toEqual(['ticketCreated']);
    expect(await kindsAbout(tokens.admin, ticket.id)).toEqual([]);
    const [mail] = await mailsTo('lead@helpdesk.example', ticket.subject);
    expect(mail?.body.text).toContain('@PIOTR can you check the driver?');
  });

  it('ignores a public reply that mentions someone', async () => {
    // Prepare
    const ticket = await newTicket(tokens.client);
    await assign(ticket.id, tokens.agent, 'me');

    // Act
    await post(ticket.id, tokens.agent, 'I asked @lead to help.');
    await settle();

    // Assess
    expect(await aboutTicket(tokens.lead, ticket.id)).toEqual([]);
  });
});

describe('agent notifications: a deactivated account', () => {
  it('tells a deactivated agent nothing more, in the product or by mail, of new tickets, replies or mentions', async () => {
    // Prepare: the agent hears of a new ticket like every agent, and is given it.
    const setActive = async (active: boolean) => {
      const patched = await call(`${rt.api}/users/${leaver.id}`, {
        method: 'PATCH',
        token: tokens.admin,
        body: { active },
      });
      expect(patched.status).toBe(200);
    };
    const before = await newTicket(tokens.client);
    await assign(before.id, tokens.lead, leaver.id);
    await settle();
    expect(await mailSubjectsTo(leaver.address, before.subject)).toEqual([
      'Assigned to you',
      'New ticket in General',
    ]);

    // Act: deactivated, then a new ticket, a client reply on the ticket still assigned to them, a mention.
    await setActive(false);
    const after = await newTicket(tokens.client);
    await post(before.id, tokens.client, 'Any news?');
    await post(after.id, tokens.agent, `@${leaver.address} you know this printer`, true);
    await settle();

    // Assess: nothing more reached them; the others are told as before.
    expect(await mailSubjectsTo(leaver.address, after.subject)).toEqual([]);
    expect(await mailSubjectsTo(leaver.address, before.subject)).toEqual([
      'Assigned to you',
      'New ticket in General',
    ]);
    expect(await kindsAbout(tokens.agent2, after.id)).toEqual(['ticketCreated']);
    await setActive(true);
    expect(await kindsAbout(leaver.token, after.id)).toEqual([]);
    expect(await kindsAbout(leaver.token, before.id)).toEqual(['ticketAssigned', 'ticketCreated']);
  });
});

describe('agent notifications: preferences and repeated records', () => {
  it('still notifies in the product but sends no mail for a kind turned off', async () => {
    // Prepare
    await setMail(tokens.agent2, { mentioned: false });
    const ticket = await newTicket(tokens.client);

    // Act
    await post(ticket.id, tokens.lead, 'Ask @agent2 and @agent', true);
    await settle();

    // Assess
    expect(await kindsAbout(tokens.agent2, ticket.id)).toEqual(['mentioned', 'ticketCreated']);
    expect(await mailSubjectsTo('agent2@helpdesk.example', ticket.subject)).toEqual([
      'Nowe zgłoszenie w kolejce General',
    ]);
    expect(await mailSubjectsTo('agent@helpdesk.example', ticket.subject)).toEqual([
      'Liis Lead mentioned you',
      'New ticket in General',
    ]);
    await setMail(tokens.agent2, {});
  });

  it('writes one notification and sends one mail for the same record delivered twice', async () => {
    // Prepare
    await settle();
    const before = (await notificationsOf(tokens.agent)).unread;
    const ticket = await newTicket(tokens.client);

    // Act
    await settle();
    const { record } = await latestRecord(ticket.id);
    const again = await handler({ Records: [record, record] } satisfies DynamoDBStreamEvent);

    // Assess
    expect(again.batchItemFailures).toEqual([]);
    expect(await aboutTicket(tokens.agent, ticket.id)).toHaveLength(1);
    expect(await mailsTo('agent@helpdesk.example', ticket.subject)).toHaveLength(1);
    expect((await notificationsOf(tokens.agent)).unread).toBe(before + 1);
  });

  it('is not given a resolve, and passes over one handed to it anyway', async () => {
    // Prepare
    const ticket = await newTicket(tokens.client);
    await settle();
    const resolved = await call(`${rt.api}/tickets/${ticket.id}/resolve`, {
      method: 'POST',
      token: tokens.lead,
      body: { message: 'Fixed, @agent2' },
    });
    expect(resolved.status).toBe(200);
    const { record, passes } = await latestRecord(ticket.id);

    // Act
    const response = await handler({ Records: [record] } satisfies DynamoDBStreamEvent);

    // Assess
    expect(passes).toBe(false);
    expect(response.batchItemFailures).toEqual([]);
    expect((await aboutTicket(tokens.agent2, ticket.id)).map((item) => item.kind)).toEqual(['ticketCreated']);
  });
});

describe('agent notifications: reading them', () => {
  /** Three assignments to the lead, who is told of nothing else here. */
  const threeForTheLead = async () => {
    const tickets = [];
    for (let i = 0; i < 3; i += 1) {
      const ticket = await newTicket(tokens.client);
      await assign(ticket.id, tokens.admin, 'user-lead');
      await settle();
      tickets.push(ticket);
    }
    return tickets;
  };

  it('counts unread notifications, marks some by id and then all read', async () => {
    // Prepare
    await call(`${rt.api}/me/notifications/read`, {
      method: 'POST',
      token: tokens.lead,
      body: { all: true },
    });
    const tickets = await threeForTheLead();

    // Act + Assess
    const listed = await notificationsOf(tokens.lead);
    expect(listed.unread).toBe(3);
    expect(listed.items.slice(0, 3).map((item) => item.ticketId)).toEqual(tickets.map((t) => t.id).reverse());
    const newest = listed.items[0]?.id as string;

    const some = await call(`${rt.api}/me/notifications/read`, {
      method: 'POST',
      token: tokens.lead,
      body: { ids: [newest, newest] },
    });
    expect(some.body).toEqual({ unread: 2 });
    const again = await call(`${rt.api}/me/notifications/read`, {
      method: 'POST',
      token: tokens.lead,
      body: { ids: [newest] },
    });
    expect(again.body).toEqual({ unread: 2 });
    const afterSome = await notificationsOf(tokens.lead);
    expect(afterSome.unread).toBe(2);
    expect(afterSome.items.slice(0, 3).map((item) => item.read)).toEqual([true, false, false]);

    const all = await call(`${rt.api}/me/notifications/read`, {
      method: 'POST',
      token: tokens.lead,
      body: { all: true },
    });
    expect(all.status).toBe(200);
    expect(all.body).toEqual({ unread: 0 });
    const afterAll = await notificationsOf(tokens.lead);
    expect(afterAll.unread).toBe(0);
    expect(afterAll.items.every((item) => item.read)).toBe(true);

    // A new one after "all read" is unread again.
    const [, , last] = tickets;
    await post(last?.id as string, tokens.agent, 'Please look, @liis', true);
    await settle();
    const later = await notificationsOf(tokens.lead);
    expect(later.unread).toBe(1);
    expect(later.items[0]).toMatchObject({ kind: 'mentioned', read: false });
  });

  it('pages newest first with a signed cursor and a limit', async () => {
    // Prepare
    await threeForTheLead();

    // Act
    const first = await notificationsOf(tokens.lead, '?limit=2');
    const second = await notificationsOf(
      tokens.lead,
      `?limit=2&cursor=${encodeURIComponent(first.nextCursor ?? '')}`,
    );
    const forged = await call(
      `${rt.api}/me/notifications?cursor=v1.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA`,
      {
        token: tokens.lead,
      },
    );

    // Assess
    expect(first.items).toHaveLength(2);
    expect(first.nextCursor).toMatch(/^v1\./);
    expect(second.items.length).toBeGreaterThan(0);
    const ids = [...first.items, ...second.items].map((item) => item.id);
    expect(ids).toEqual([...ids].sort().reverse());
    expect(new Set(ids).size).toBe(ids.length);
    expect(forged.status).toBe(400);
    expect(forged.body.errors[0].path).toBe('cursor');
  });

  it('files an older event delivered after "all read" as read, and counts what arrives later', async () => {
    // Prepare: an inbox nobody else writes, on the same table (one page: no cursors needed).
    const inbox = new DynamoInbox(
      rt.db,
      rt.tableName,
      { encode: () => null, decode: () => undefined },
      systemClock,
    );
    const userId = `inbox-${randomBytes(4).toString('hex')}`;
    const entry = (id: string): InboxEntry => ({
      id,
      kind: 'ticketAssigned',
      ticketId: '01JQ0000000000000000000042',
      ticketReference: 'HD-2026-000042',
      ticketSubject: 'Printer',
      actor: { id: 'user-admin', name: 'Adam Admin' },
      excerpt: null,
      at: '2026-03-01T10:00:00.000Z',
    });
    await inbox.add(userId, entry('01JQ0000000000000000000002'));

    // Act
    const allRead = await inbox.markAllRead(userId);
    const late = await inbox.add(userId, entry('01JQ0000000000000000000001'));
    const lateAgain = await inbox.add(userId, entry('01JQ0000000000000000000001'));
    const newer = await inbox.add(userId, entry('01JQ0000000000000000000003'));

    // Assess
    expect([allRead, late, lateAgain, newer]).toEqual([0, 'added', 'exists', 'added']);
    const listed = await inbox.list(userId, { limit: 10 });
    expect(listed.unread).toBe(1);
    expect(listed.items.map((item) => [item.id.slice(-1), item.read])).toEqual([
      ['3', false],
      ['2', true],
      ['1', true],
    ]);
  });

  it('shows a person only their own notifications', async () => {
    // Prepare
    const ticket = await newTicket(tokens.client);
    await assign(ticket.id, tokens.admin, 'user-lead');
    await settle();
    const leadItem = (await aboutTicket(tokens.lead, ticket.id))[0];

    // Act: another person marks the lead's notification by its id.
    const other = await call(`${rt.api}/me/notifications/read`, {
      method: 'POST',
      token: tokens.agent,
      body: { ids: [leadItem?.id] },
    });

    // Assess
    expect(other.status).toBe(200);
    expect(await aboutTicket(tokens.lead, ticket.id)).toMatchObject([
      { kind: 'ticketAssigned', read: false },
    ]);
    expect(await kindsAbout(tokens.agent, ticket.id)).toEqual(['ticketCreated']);
  });
});

describe('notification routes: input and defaults', () => {
  it('mails every kind until told otherwise, and keeps what was saved', async () => {
    // Act
    const defaults = await call(`${rt.api}/me/preferences`, { token: tokens.admin });
    const saved = await call(`${rt.api}/me/preferences`, {
      method: 'PUT',
      token: tokens.admin,
      body: { mail: { ticketCreated: false } },
    });
    const read = await call(`${rt.api}/me/preferences`, { token: tokens.admin });

    // Assess
    expect(defaults.body).toEqual({
      mail: {
        ticketCreated: true,
        clientReplied: true,
        ticketReopened: true,
        ticketAssigned: true,
        mentioned: true,
      },
    });
    expect(saved.body.mail.ticketCreated).toBe(false);
    expect(read.body).toEqual(saved.body);
  });

  it.each([
    ['POST', '/me/notifications/read', {}, 'ids'],
    ['POST', '/me/notifications/read', { ids: ['nope'] }, 'ids.0'],
    ['POST', '/me/notifications/read', { ids: [], all: true }, 'ids'],
    ['POST', '/me/notifications/read', { all: false }, 'all'],
    ['PUT', '/me/preferences', { mail: { birthdays: true } }, 'mail'],
    ['PUT', '/me/preferences', { mail: { mentioned: 'yes' } }, 'mail.mentioned'],
    ['GET', '/me/notifications?limit=0', undefined, 'limit'],
  ])('refuses %s %s with %j, naming %s', async (method, path, body, field) => {
    // Act
    const refused = await call(`${rt.api}${path}`, {
      method,
      token: tokens.agent,
      ...(body ? { body } : {}),
    });

    // Assess
    expect(refused.status).toBe(400);
    expect(refused.headers.get('content-type')).toBe('application/problem+json');
    expect(refused.body.errors.map((error: { path: string }) => error.path)).toContain(field);
  });
});
