import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { SendRawEmailCommand } from '@aws-sdk/client-ses';
import { GetCommand, QueryCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import 'aws-sdk-client-mock-vitest/extend';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ApiResult } from '#functions/http/route.js';
import { automationRulesEntity } from '#platform/table/automation.js';
import { queueEntity } from '#platform/table/queue.js';
import { settingsDocumentEntity } from '#platform/table/settings-document.js';
import { ticketEntity } from '#platform/table/ticket.js';
import { ticketItem } from '#tickets/adapters/ticket-items.js';
import type { Ticket } from '#tickets/schemas.js';
import { TICKET_FIELDS_DOCUMENT } from '#tickets/ticket-fields.js';
import { apiEvent, claimsFor, lambdaContext } from '../support/api-event.js';
import { type Handler, mockedCloud } from '../support/mocked-cloud.js';

const { ddb, ses } = mockedCloud();

let createTicket: Handler;
let getTicket: Handler;
let patchTicket: Handler;
let listTickets: Handler;

beforeAll(async () => {
  createTicket = (await import('#functions/tickets/create-ticket.js')).handler as unknown as Handler;
  getTicket = (await import('#functions/tickets/get-ticket.js')).handler as unknown as Handler;
  patchTicket = (await import('#functions/tickets/patch-ticket.js')).handler as unknown as Handler;
  listTickets = (await import('#functions/tickets/list-tickets.js')).handler as unknown as Handler;
});

const ticket: Ticket = {
  id: '01JD0000000000000000000000',
  reference: 'HD-2026-000042',
  subject: 'VPN',
  description: 'down',
  status: 'new',
  priority: 'normal',
  category: null,
  tags: [],
  queue: 'general',
  orgId: 'acme',
  requester: { id: 'user-client-acme', email: 'client@acme.example', name: 'Alice' },
  assignee: null,
  channel: 'web',
  version: 3,
  createdAt: '2026-11-23T10:00:00.000Z',
  updatedAt: '2026-11-23T10:00:00.000Z',
  sla: {
    policyId: null,
    firstResponseDueAt: null,
    resolutionDueAt: null,
    totalDueAt: null,
    firstRespondedAt: null,
    breaches: [],
    paused: false,
  },
};

const parse = (result: ApiResult) => JSON.parse(result.body ?? 'null');

const aClient = {
  id: 'user-client-acme',
  email: 'client@acme.example',
  name: 'Alice',
  role: 'client',
  orgId: 'acme',
};
const createAsAgent = (queue: string) =>
  createTicket(
    apiEvent({
      method: 'POST',
      path: '/api/v1/tickets',
      claims: claimsFor.agent,
      body: { subject: 'x', description: 'y', queue, requester: { email: 'client@acme.example' } },
    }),
    lambdaContext,
  );

describe('create-ticket handler', () => {
  it('reserves a block of reference numbers, takes the first, and writes ticket, event and queue count in one transaction, mailing nothing', async () => {
    // Prepare: the counter stood at 0, the reservation moves it to 50.
    ddb.on(UpdateCommand).resolves({ Attributes: { value: 50 } });
    ddb.on(TransactWriteCommand).resolves({});
    // The organisation exists (every GetItem finds an item).
    ddb.on(GetCommand).resolves({ Item: { id: 'acme', name: 'Acme' } });
    ddb.on(GetCommand, { Key: automationRulesEntity.key() }).resolves({});
    ddb.on(GetCommand, { Key: settingsDocumentEntity.key(TICKET_FIELDS_DOCUMENT) }).resolves({});
    // Act
    const result = await createTicket(
      apiEvent({
        method: 'POST',
        path: '/api/v1/tickets',
        claims: claimsFor.client,
        body: { subject: 'VPN', description: 'down' },
      }),
      lambdaContext,
    );
    // Assess
    expect(result.statusCode).toBe(201);
    expect(parse(result).reference).toMatch(/^HD-\d{4}-000001$/);
    expect(ddb.commandCalls(UpdateCommand)[0]?.args[0].input).toMatchObject({
      Key: { pk: expect.stringMatching(/^COUNTER#ticket-reference-\d{4}$/), sk: 'COUNTER' },
      UpdateExpression: 'ADD #value :count',
      ExpressionAttributeValues: { ':count': 50 },
    });
    expect(ddb).toHaveReceivedCommandTimes(TransactWriteCommand, 1);
    const items = ddb.commandCalls(TransactWriteCommand)[0]?.args[0].input.TransactItems ?? [];
    expect(items).toHaveLength(6);
    expect(items[0]?.Put).toMatchObject({
      TableName: 'helpdesk-unit',
      ConditionExpression: 'attribute_not_exists(pk)',
    });
    expect(items[0]?.Put?.Item).toMatchObject({
      sk: 'TICKET',
      gsi1pk: 'ORG#acme',
      gsi2pk: 'QUEUE#general',
      status: 'new',
    });
    // The reference's pointer, so an inbound mail naming it finds the ticket in one read.
    expect(items[1]?.Put?.Item).toMatchObject({
      pk: expect.stringMatching(/^REFERENCE#HD-\d{4}-000001$/),
      sk: 'REFERENCE',
    });
    expect(items.slice(2, 4).map((item) => item.Put?.Item)).toEqual([
      expect.objectContaining({ sk: 'MSG#', orgId: 'acme' }),
      expect.objectContaining({ sk: 'EVENT#', orgId: 'acme' }),
    ]);
    expect(items[4]?.Put?.Item).toMatchObject({ entity: 'event', type: 'ticket.created' });
    expect(items[5]?.Update).toMatchObject({ ConditionExpression: 'attribute_exists(pk)' });
    // The acknowledgement is the mail stream consumer's: nothing goes to SES in the request.
    expect(ses).toHaveReceivedCommandTimes(SendRawEmailCommand, 0);

    // Act: the next create takes the next number of the block, without touching the counter.
    ddb.resetHistory();
    const next = await createTicket(
      apiEvent({
        method: 'POST',
        path: '/api/v1/tickets',
        claims: claimsFor.client,
        body: { subject: 'VPN again', description: 'still down' },
      }),
      lambdaContext,
    );
    // Assess
    expect(parse(next).reference).toMatch(/^HD-\d{4}-000002$/);
    expect(ddb).toHaveReceivedCommandTimes(UpdateCommand, 0);
    expect(ddb).toHaveReceivedCommandTimes(TransactWriteCommand, 1);
  });

  it('answers 400 naming an unknown queue before it takes a reference number', async () => {
    ddb.on(UpdateCommand).resolves({ Attributes: { value: 50 } });
    ddb.on(GetCommand).resolves({ Item: { id: 'acme', name: 'Acme' } });
    ddb.on(GetCommand, { Key: automationRulesEntity.key() }).resolves({});
    ddb.on(GetCommand, { Key: settingsDocumentEntity.key(TICKET_FIELDS_DOCUMENT) }).resolves({});
    ddb.on(GetCommand, { Key: queueEntity.key('nope') }).resolves({});
    ddb.on(QueryCommand).resolves({ Items: [aClient] });
    const result = await createAsAgent('nope');
    expect(ddb).toHaveReceivedCommandTimes(UpdateCommand, 0);
    expect(ddb).toHaveReceivedCommandTimes(TransactWriteCommand, 0);
    expect(result.statusCode).toBe(400);
    expect(parse(result).errors).toEqual([
      { path: 'queue', message: expect.stringContaining('Unknown queue') },
    ]);
  });

  it('gives the number of a create the transaction refused to the next create', async () => {
    // Prepare: the transaction refuses the first create (its queue count shard, the last item, is missing).
    ddb.on(UpdateCommand).resolves({ Attributes: { value: 50 } });
    ddb.on(GetCommand).resolves({ Item: { id: 'acme', name: 'Acme' } });
    ddb.on(GetCommand, { Key: automationRulesEntity.key() }).resolves({});
    ddb.on(GetCommand, { Key: settingsDocumentEntity.key(TICKET_FIELDS_DOCUMENT) }).resolves({});
    ddb.on(QueryCommand).resolves({ Items: [aClient] });
    ddb
      .on(TransactWriteCommand)
      .rejectsOnce(
        new TransactionCanceledException({
          message: 'Transaction cancelled',
          $metadata: {},
          CancellationReasons: [
            { Code: 'None' },
            { Code: 'None' },
            { Code: 'None' },
            { Code: 'None' },
            { Code: 'None' },
            { Code: 'ConditionalCheckFailed' },
          ],
        }),
      )
      .resolves({});

    // Act
    const refused = await createAsAgent('general');
    const accepted = await createAsAgent('general');

    // Assess
    expect(refused.statusCode).toBe(400);
    expect(parse(refused).errors).toEqual([
      { path: 'queue', message: expect.stringContaining('Unknown queue') },
    ]);
    expect(accepted.statusCode).toBe(201);
    const numbers = ddb
      .commandCalls(TransactWriteCommand)
      .map((call) => call.args[0].input.TransactItems?.[0]?.Put?.Item?.reference);
    expect(numbers).toHaveLength(2);
    expect(numbers[1]).toBe(numbers[0]);
    expect(parse(accepted).reference).toBe(numbers[0]);
  });

  it('hides internals behind a generic 500 with a request id when DynamoDB fails', async () => {
    ddb.on(UpdateCommand).rejects(new Error('connection reset by peer at 10.0.0.7'));
    ddb.on(GetCommand).resolves({ Item: { id: 'acme', name: 'Acme' } });
    ddb.on(GetCommand, { Key: automationRulesEntity.key() }).resolves({});
    ddb.on(GetCommand, { Key: settingsDocumentEntity.key(TICKET_FIELDS_DOCUMENT) }).resolves({});
    ddb.on(TransactWriteCommand).rejects(new Error('connection reset by peer at 10.0.0.7'));
    const result = await createTicket(
      apiEvent({
        method: 'POST',
        path: '/api/v1/tickets',
        claims: claimsFor.client,
        body: { subject: 'x', description: 'y' },
      }),
      lambdaContext,
    );
    expect(result.statusCode).toBe(500);
    expect(result.body).not.toContain('10.0.0.7');
    expect(parse(result)).toMatchObject({ status: 500, requestId: 'req-1' });
  });
});

describe('get-ticket handler', () => {
  it('returns the ticket with its version as ETag in one DynamoDB call', async () => {
    ddb.on(GetCommand).resolves({ Item: ticketItem(ticket) });
    ddb.on(GetCommand, { Key: automationRulesEntity.key() }).resolves({});
    ddb.on(GetCommand, { Key: settingsDocumentEntity.key(TICKET_FIELDS_DOCUMENT) }).resolves({});
    const result = await getTicket(
      apiEvent({
        method: 'GET',
        path: `/api/v1/tickets/${ticket.id}`,
        claims: claimsFor.client,
        pathParameters: { id: ticket.id },
      }),
      lambdaContext,
    );
    expect(result.statusCode).toBe(200);
    expect(result.headers?.etag).toBe('"3"');
    expect(parse(result)).toEqual(ticket);
    expect(ddb).toHaveReceivedCommandTimes(GetCommand, 1);
  });

  it('answers 404 to a client of another organisation', async () => {
    ddb.on(GetCommand).resolves({ Item: ticketItem(ticket) });
    ddb.on(GetCommand, { Key: automationRulesEntity.key() }).resolves({});
    ddb.on(GetCommand, { Key: settingsDocumentEntity.key(TICKET_FIELDS_DOCUMENT) }).resolves({});
    const result = await getTicket(
      apiEvent({
        method: 'GET',
        path: `/api/v1/tickets/${ticket.id}`,
        claims: claimsFor.otherClient,
        pathParameters: { id: ticket.id },
      }),
      lambdaContext,
    );
    expect(result.statusCode).toBe(404);
    expect(result.headers?.['content-type']).toBe('application/problem+json');
  });
});

describe('patch-ticket handler', () => {
  it('answers 412 without writing when If-Match is stale', async () => {
    ddb.on(GetCommand).resolves({ Item: ticketItem(ticket) });
    ddb.on(GetCommand, { Key: automationRulesEntity.key() }).resolves({});
    ddb.on(GetCommand, { Key: settingsDocumentEntity.key(TICKET_FIELDS_DOCUMENT) }).resolves({});
    const result = await patchTicket(
      apiEvent({
        method: 'PATCH',
        path: `/api/v1/tickets/${ticket.id}`,
        claims: claimsFor.agent,
        pathParameters: { id: ticket.id },
        headers: { 'if-match': '"2"' },
        body: { priority: 'high' },
      }),
      lambdaContext,
    );
    expect(result.statusCode).toBe(412);
    expect(ddb).not.toHaveReceivedCommand(TransactWriteCommand);
  });

  it('conditions the write on the version it read and moves the queue count between statuses', async () => {
    ddb.on(GetCommand).resolves({ Item: ticketItem(ticket) });
    ddb.on(GetCommand, { Key: automationRulesEntity.key() }).resolves({});
    ddb.on(GetCommand, { Key: settingsDocumentEntity.key(TICKET_FIELDS_DOCUMENT) }).resolves({});
    ddb.on(TransactWriteCommand).resolves({});
    const result = await patchTicket(
      apiEvent({
        method: 'PATCH',
        path: `/api/v1/tickets/${ticket.id}`,
        claims: claimsFor.agent,
        pathParameters: { id: ticket.id },
        headers: { 'if-match': '"3"' },
        body: { status: 'pending' },
      }),
      lambdaContext,
    );
    expect(result.statusCode).toBe(200);
    expect(parse(result)).toMatchObject({ status: 'pending', version: 4, sla: { paused: true } });
    const items = ddb.commandCalls(TransactWriteCommand)[0]?.args[0].input.TransactItems ?? [];
    expect(items[0]?.Put?.ExpressionAttributeValues).toEqual({ ':expected': 3 });
    expect(items.at(-1)?.Update?.ExpressionAttributeValues).toEqual({ ':d0': -1, ':d1': 1 });
    expect(items.at(-1)?.Update?.ExpressionAttributeNames).toMatchObject({ '#s0': 'new', '#s1': 'pending' });
  });
});

describe('list-tickets handler', () => {
  it('queries only the caller organisation partition for a client, whatever filters it sends', async () => {
    ddb.on(QueryCommand).resolves({ Items: [ticketItem(ticket)] });
    const result = await listTickets(
      apiEvent({
        method: 'GET',
        path: '/api/v1/tickets',
        claims: claimsFor.client,
        query: { queue: 'general', status: 'new' },
      }),
      lambdaContext,
    );
    expect(result.statusCode).toBe(200);
    expect(ddb).toHaveReceivedCommandWith(QueryCommand, {
      IndexName: 'gsi1',
      ExpressionAttributeValues: expect.objectContaining({ ':pk': 'ORG#acme' }),
    });
    expect(parse(result)).toEqual({ items: [ticket], nextCursor: null });
  });
});

describe('merge-ticket handler', () => {
  const target: Ticket = { ...ticket, id: '01JD0000000000000000000009', reference: 'HD-2026-000043' };
  let mergeTicket: Handler;
  beforeAll(async () => {
    mergeTicket = (await import('#functions/tickets/merge-ticket.js')).handler as unknown as Handler;
  });

  /** Every merge transaction is cancelled, the items `conflicting` picks in TransactionConflict. */
  const keepCancelling = (conflicting: (index: number, count: number) => boolean) => {
    ddb.on(GetCommand, { Key: ticketEntity.key(ticket.id) }).resolves({ Item: ticketItem(ticket) });
    ddb.on(GetCommand, { Key: ticketEntity.key(target.id) }).resolves({ Item: ticketItem(target) });
    ddb.on(QueryCommand).resolves({ Items: [] });
    ddb.on(TransactWriteCommand).callsFake((input: { TransactItems: unknown[] }) => {
      const count = input.TransactItems.length;
      throw new TransactionCanceledException({
        message: 'Transaction cancelled',
        $metadata: {},
        CancellationReasons: input.TransactItems.map((_, i) => ({
          Code: conflicting(i, count) ? 'TransactionConflict' : 'None',
        })),
      });
    });
  };

  const merge = () =>
    mergeTicket(
      apiEvent({
        method: 'POST',
        path: `/api/v1/tickets/${ticket.id}/merge`,
        claims: claimsFor.agent,
        pathParameters: { id: ticket.id },
        body: { into: target.id },
      }),
      lambdaContext,
    );

  it('answers 409 problem+json, not a 500, when every item of every merge transaction stays in conflict', async () => {
    keepCancelling(() => true);

    const result = await merge();

    expect(result.statusCode).toBe(409);
    expect(result.headers?.['content-type']).toBe('application/problem+json');
    expect(parse(result)).toMatchObject({ status: 409, detail: expect.stringMatching(/retry in a moment/) });
    expect(ddb.commandCalls(TransactWriteCommand).length).toBeGreaterThan(1);
  });

  it('answers 409, not a 500, when the target stays busy through every retry', async () => {
    keepCancelling((index, count) => index === count - 1);

    const result = await merge();

    expect(result.statusCode).toBe(409);
    expect(parse(result)).toMatchObject({ status: 409, detail: expect.stringMatching(/retry in a moment/) });
  }, 20_000);
});
