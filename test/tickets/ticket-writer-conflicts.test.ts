import { DynamoDBClient, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { Contended, PreconditionFailed } from '#platform/errors.js';
import { DynamoTicketWriter } from '#tickets/adapters/dynamodb-ticket-writer.js';
import type { Ticket } from '#tickets/schemas.js';

/**
 * What a ticket change answers when DynamoDB keeps cancelling its transaction because other
 * transactions hold items it shares (queue counters, the merge target): after its retries a
 * Contended (409, retried by the use case), never the raw DynamoDB error (a 500).
 */
const ddb = mockClient(DynamoDBDocumentClient);
const writer = new DynamoTicketWriter(
  DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'eu-central-1' })),
  'Table',
);

const ticket = (id: string, status: Ticket['status']): Ticket => ({
  id,
  reference: `HD-2026-${id.slice(-6)}`,
  subject: 'VPN',
  description: 'down',
  status,
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
});
const source = ticket('01JD0000000000000000000001', 'open');
const target = ticket('01JD0000000000000000000002', 'open');

/** Cancels every transaction with a conflict on its item `at`; the others pass. */
const conflictAt = (at: (items: number) => number) =>
  ddb.on(TransactWriteCommand).callsFake((input: { TransactItems: unknown[] }) => {
    const count = input.TransactItems.length;
    throw new TransactionCanceledException({
      message: 'Transaction cancelled',
      $metadata: {},
      CancellationReasons: Array.from({ length: count }, (_, i) => ({
        Code: i === at(count) ? 'TransactionConflict' : 'None',
      })),
    });
  });

const merge = () =>
  writer.commitMerge({
    source: {
      ticket: { ...source, status: 'merged', mergedInto: target.id, version: 4 },
      previous: source,
      events: [],
    },
    target: { previous: target, updatedAt: '2026-11-23T11:00:00.000Z', events: [], messages: [] },
  });

beforeEach(() => ddb.reset());

describe('a ticket transaction that keeps colliding', () => {
  it('ends a merge whose target stays busy in Contended after its retries, not a raw error', async () => {
    conflictAt((count) => count - 1);
    const error = await merge().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Contended);
    expect((error as Error).message).toMatch(/retry in a moment/);
    expect(ddb.commandCalls(TransactWriteCommand)).toHaveLength(7);
  });

  it('reads a merge colliding on its source as a stale source (412 or a re-read), at once', async () => {
    conflictAt(() => 0);
    await expect(merge()).rejects.toBeInstanceOf(PreconditionFailed);
    expect(ddb.commandCalls(TransactWriteCommand)).toHaveLength(1);
  });

  it('lands a merge once the collision clears', async () => {
    let calls = 0;
    ddb.on(TransactWriteCommand).callsFake((input: { TransactItems: unknown[] }) => {
      if (++calls < 3) {
        throw new TransactionCanceledException({
          message: 'Transaction cancelled',
          $metadata: {},
          CancellationReasons: input.TransactItems.map((_, i) => ({
            Code: i === input.TransactItems.length - 1 ? 'TransactionConflict' : 'None',
          })),
        });
      }
      return {};
    });
    await expect(merge()).resolves.toBe(4);
    expect(calls).toBe(3);
  });
});
