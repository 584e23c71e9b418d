import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { tableAdapters } from '#functions/wiring/tables.js';
import type { Caller } from '#identity/caller.js';
import { newLocalSecrets, prepareLocalTable } from '#local/prepare.js';
import { noCursors } from '#platform/cursor.js';
import { eventEntity } from '#platform/table/ticket.js';
import type { TicketEvent } from '#tickets/schemas.js';
import { makeEvent, systemActor } from '#tickets/ticket.js';
import { addMessage } from '#tickets/use-cases/add-message.js';
import { createTicket } from '#tickets/use-cases/create-ticket.js';
import type { TicketDeps } from '#tickets/use-cases/deps.js';
import { reopenTicket, resolveTicket } from '#tickets/use-cases/resolution.js';
import { testDynamoEndpoint } from '../support/dynamo-endpoint.js';
import { insertRecordOf } from '../support/stream-records.js';

/**
 * The `mail` stream consumer (functions/stream/mail.ts) on real items: tickets are changed
 * through the use cases on DynamoDB Local, their event items are read back and handed to the
 * exported handler as the stream would deliver them, and mail is looked for in the SES
 * emulator. SES is reached through a pass-through proxy that can refuse one address, as SES
 * refuses a suppressed recipient (MessageRejected).
 */
interface CapturedMail {
  destination: { to: string[] };
  subject: string;
  body: { text?: string };
}

const tableName = `helpdesk-mail-consumer-${randomBytes(4).toString('hex')}`;
const refused = new Set<string>();
let proxy: Server;
let handler: (event: DynamoDBStreamEvent) => Promise<DynamoDBBatchResponse>;
let adapters: ReturnType<typeof tableAdapters>;
let deps: TicketDeps;
let sequence = 0;

const agent: Caller = {
  kind: 'user',
  id: 'user-agent',
  email: 'agent@helpdesk.example',
  name: 'Agnes Agent',
  role: 'agent',
  orgId: null,
  locale: 'en',
  timeZone: 'Europe/Tallinn',
};
const client: Caller = {
  ...agent,
  id: 'user-client-acme',
  // This run's own address: the SES emulator is shared by the whole run, and other files mail the demo client.
  email: `client-${tableName}@acme.example`,
  role: 'client',
  orgId: 'acme',
};

/** A requester of its own (an outside contact of acme), so a test finds its mails by address. */
const aRequester = () => `req-${randomBytes(5).toString('hex')}@acme.example`;

const openTicketFor = async (email: string, subject = 'The printer is on fire') =>
  (
    await createTicket(deps, agent, {
      subject,
      description: 'Smoke everywhere',
      requester: { email },
      orgId: 'acme',
    })
  ).ticket;

const eventsOf = async (ticketId: string): Promise<TicketEvent[]> => {
  const page = await deps.store.listEvents(ticketId, { includeInternal: true, limit: 50 });
  return page?.items ?? [];
};

/** The stream record DynamoDB writes for the insert of this event item (read back from the table). */
const insertRecord = async (event: TicketEvent): Promise<DynamoDBRecord> => {
  const { Item } = await adapters.db.send(
    new GetCommand({ TableName: tableName, Key: eventEntity.key(event.ticketId, event.id) }),
  );
  if (!Item) throw new Error(`no event item ${event.id}`);
  sequence += 1;
  return insertRecordOf(Item, String(1_000_000 + sequence));
};

const batch = (...records: DynamoDBRecord[]): DynamoDBStreamEvent => ({ Records: records });

const recordOf = async (ticketId: string, type: string) => {
  const event = (await eventsOf(ticketId)).find((candidate) => candidate.type === type);
  if (!event) throw new Error(`no ${type} event on ${ticketId}`);
  return insertRecord(event);
};

const mailsTo = async (address: string): Promise<CapturedMail[]> => {
  const response = await fetch(`${inject('sesUrl')}/store`);
  const store = (await response.json()) as { emails: CapturedMail[] };
  return store.emails.filter((mail) => mail.destination.to.some((to) => to.includes(address)));
};

const subjects = async (address: string) =>
  (await mailsTo(address)).map((mail) => mail.subject.replace(/^\[HD-\d{4}-\d+\] /, '').split(':')[0]);

beforeAll(async () => {
  // Forwards every SES call to the emulator, except a send to a refused address.
  proxy = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString();
    const destination = new URLSearchParams(body).get('Destinations.member.1') ?? '';
    if (refused.has(destination)) {
      response.writeHead(400, { 'content-type': 'text/xml' });
      response.end(
        '<ErrorResponse xmlns="http://ses.amazonaws.com/doc/2010-12-01/"><Error><Type>Sender</Type>' +
          '<Code>MessageRejected</Code><Message>Address is on the suppression list</Message></Error>' +
          '<RequestId>test</RequestId></ErrorResponse>',
      );
      return;
    }
    const forwarded = await fetch(`${inject('sesUrl')}${request.url ?? '/'}`, {
      method: request.method ?? 'POST',
      headers: {
        'content-type': request.headers['content-type'] ?? 'application/x-www-form-urlencoded',
        authorization: request.headers.authorization ?? '',
      },
      body,
    });
    response.writeHead(forwarded.status, {
      'content-type': forwarded.headers.get('content-type') ?? 'text/xml',
    });
    response.end(await forwarded.text());
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  const sesEndpoint = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;

  await prepareLocalTable(
    {
      tableName,
      dynamoEndpoint: testDynamoEndpoint(),
      sesEndpoint,
      ...newLocalSecrets(),
      portalUrl: 'http://portal.test',
    },
    { password: 'demo' },
  );
  adapters = tableAdapters({ tableName, dynamoEndpoint: testDynamoEndpoint() }, noCursors);
  deps = {
    store: adapters.store,
    users: adapters.users,
    organisations: adapters.organisations,
    clock: adapters.clock,
    ids: adapters.ids,
  };
  ({ handler } = await import('#functions/stream/mail.js'));
});

afterAll(async () => {
  await new Promise((resolve) => proxy.close(resolve));
});

describe('the mail consumer', () => {
  it('acknowledges a new ticket once, however often its event is delivered', async () => {
    // Prepare
    const requester = aRequester();
    const ticket = await openTicketFor(requester);
    const created = await recordOf(ticket.id, 'ticket.created');

    // Act
    const first = await handler(batch(created));
    const again = await handler(batch(created));

    // Assess
    expect(first.batchItemFailures).toEqual([]);
    expect(again.batchItemFailures).toEqual([]);
    const mails = await mailsTo(requester);
    expect(mails.map((mail) => mail.subject)).toEqual([
      `[${ticket.reference}] We have received your request: The printer is on fire`,
    ]);
    expect(mails[0]?.body.text).toContain(`http://portal.test/tickets/${ticket.id}`);
  });

  it('forwards a public staff reply, never an internal note nor the client’s own message', async () => {
    // Prepare
    const requester = aRequester();
    const ticket = await openTicketFor(requester);
    await addMessage(deps, agent, ticket.id, { body: 'Please pull the plug.' });
    await addMessage(deps, agent, ticket.id, { body: 'Third fire this month', internal: true });
    const records = await Promise.all((await eventsOf(ticket.id)).map(insertRecord));

    // Act
    const result = await handler(batch(...records));

    // Assess
    expect(result.batchItemFailures).toEqual([]);
    expect((await subjects(requester)).sort()).toEqual([
      'New reply to your request',
      'We have received your request',
    ]);
    const reply = (await mailsTo(requester)).find((mail) => mail.subject.includes('New reply'));
    expect(reply?.body.text).toContain('Please pull the plug.');
    expect(reply?.body.text).not.toContain('Third fire');
  });

  it('sends nothing for a message from the client', async () => {
    // Prepare: the demo client's own ticket and reply.
    const { ticket } = await createTicket(deps, client, { subject: 'Mine', description: 'x' });
    await addMessage(deps, client, ticket.id, { body: 'Any news?' });
    const reply = await recordOf(ticket.id, 'message.added');
    const before = (await mailsTo(client.email)).length;

    // Act
    const result = await handler(batch(reply));

    // Assess
    expect(result.batchItemFailures).toEqual([]);
    expect(await mailsTo(client.email)).toHaveLength(before);
  });

  it('sends the proposed solution with its text and the accept and reopen links, once', async () => {
    // Prepare
    const requester = aRequester();
    const ticket = await openTicketFor(requester);
    await resolveTicket(deps, agent, ticket.id, { message: 'Replaced the fuser unit.' });
    const resolved = await recordOf(ticket.id, 'ticket.resolved');

    // Act
    await handler(batch(resolved));
    await handler(batch(resolved));

    // Assess
    const mails = (await mailsTo(requester)).filter((mail) => mail.subject.includes('Solution proposed'));
    expect(mails).toHaveLength(1);
    expect(mails[0]?.body.text).toContain('Replaced the fuser unit.');
    expect(mails[0]?.body.text).toContain(`http://portal.test/tickets/${ticket.id}?action=accept`);
    expect(mails[0]?.body.text).toContain(`http://portal.test/tickets/${ticket.id}?action=reopen`);
    // Not a second time as a plain reply.
    expect(await subjects(requester)).not.toContain('New reply to your request');
  });

  it('does not offer a solution the client already turned down before the mail went out', async () => {
    // Prepare: resolved, then reopened before the consumer got to the resolution.
    const requester = aRequester();
    const ticket = await openTicketFor(requester);
    await resolveTicket(deps, agent, ticket.id, { message: 'Reboot it.' });
    await reopenTicket(deps, agent, ticket.id, { message: 'Sorry, wrong ticket.' });
    const resolved = await recordOf(ticket.id, 'ticket.resolved');

    // Act
    const result = await handler(batch(resolved));

    // Assess
    expect(result.batchItemFailures).toEqual([]);
    expect(await subjects(requester)).toEqual([]);
  });

  it('tells the requester when the SLA engine closed a silent resolved ticket', async () => {
    // Prepare: the auto-close as the SLA engine writes it (status and event in one transaction).
    const requester = aRequester();
    const ticket = await openTicketFor(requester);
    const resolved = await resolveTicket(deps, agent, ticket.id, {});
    const at = new Date().toISOString();
    await deps.store.commit({
      ticket: { ...resolved, status: 'closed', version: resolved.version + 1, updatedAt: at },
      previous: resolved,
      events: [
        makeEvent({
          id: deps.ids.next(),
          ticketId: ticket.id,
          type: 'sla.auto-closed',
          actor: systemActor(),
          at,
          changes: [{ field: 'status', from: 'resolved', to: 'closed' }],
          note: 'Closed automatically: the proposed solution had no reply',
        }),
      ],
    });
    const closed = await recordOf(ticket.id, 'sla.auto-closed');

    // Act
    await handler(batch(closed));
    await handler(batch(closed));

    // Assess
    const mails = (await mailsTo(requester)).filter((mail) => mail.subject.includes('has been closed'));
    expect(mails).toHaveLength(1);
    expect(mails[0]?.body.text).toContain(`http://portal.test/tickets/${ticket.id}?action=feedback`);
  });

  it('reports a refused send as the failed record, and a retry sends only what is missing', async () => {
    // Prepare: three new tickets in one batch; SES refuses the second requester.
    const [first, second, third] = [aRequester(), aRequester(), aRequester()];
    const tickets = [await openTicketFor(first), await openTicketFor(second), await openTicketFor(third)];
    const records = await Promise.all(tickets.map((ticket) => recordOf(ticket.id, 'ticket.created')));
    refused.add(second);

    // Act
    const failed = await handler(batch(...records));

    // Assess: the refused record is named; the others went out.
    expect(failed.batchItemFailures).toEqual([{ itemIdentifier: records[1]?.dynamodb?.SequenceNumber }]);
    expect(await mailsTo(first)).toHaveLength(1);
    expect(await mailsTo(second)).toHaveLength(0);
    expect(await mailsTo(third)).toHaveLength(1);

    // Act: the stream retries from the failed record (it and everything after it), now accepted.
    refused.delete(second);
    const retried = await handler(batch(...records.slice(1)));
    const repeated = await handler(batch(...records));

    // Assess: each requester has exactly one acknowledgement.
    expect(retried.batchItemFailures).toEqual([]);
    expect(repeated.batchItemFailures).toEqual([]);
    for (const address of [first, second, third]) expect(await mailsTo(address)).toHaveLength(1);
  });

  it('ignores records that are not ticket event inserts', async () => {
    // Prepare: the ticket item's own insert (not an event).
    const requester = aRequester();
    const ticket = await openTicketFor(requester);
    const record = await recordOf(ticket.id, 'ticket.created');
    const image = { ...(record.dynamodb?.NewImage ?? {}), entity: { S: 'ticket' } };

    // Act
    const result = await handler(batch({ ...record, dynamodb: { ...record.dynamodb, NewImage: image } }));

    // Assess
    expect(result.batchItemFailures).toEqual([]);
    expect(await mailsTo(requester)).toHaveLength(0);
  });
});
