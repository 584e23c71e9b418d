import { BatchGetCommand, BatchWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { demoUsers } from '#local/seed.js';
import { scheduleItem } from '#local/table-scheduler.js';
import { logger } from '#platform/logger.js';
import { systemClock, ulidGenerator } from '#platform/system.js';
import { DynamoSlaConfigStore } from '#sla/adapters/dynamodb-sla-config-store.js';
import { normalizeSla } from '#sla/clocks.js';
import { SlaConfigCache } from '#sla/configuration.js';
import { checkPayloadOf, slaHooks } from '#sla/engine.js';
import { defaultPolicies, parsePolicyDocument } from '#sla/policy.js';
import { eventItem, ticketItem } from '#tickets/adapters/ticket-items.js';
import type { Ticket } from '#tickets/schemas.js';
import { emptySla } from '#tickets/sla-state.js';
import { formatReference, makeEvent } from '#tickets/ticket.js';

/**
 * A burst of SLA deadlines for the burst benchmark and its test: open tickets whose time to
 * open runs out in the same second, as when tickets opened overnight all fall due when a
 * business calendar opens at 08:00. They are written straight into the table as a creation
 * leaves them (ticket, first event, the `sla` block computed by the engine's own hooks, one
 * armed timer each), 25 items to a BatchWriteItem, so 5,000 take seconds, not minutes.
 */

export const BURST_TIME_TO_OPEN_MS = 10 * 60 * 1000;
const PARALLEL_BATCHES = 8;

/** Urgent tickets escalate when the time to open runs out; TTR and TST keep running, so each check arms the next timer. */
export const saveBurstPolicy = async (db: DynamoDBDocumentClient, tableName: string): Promise<void> => {
  const store = new DynamoSlaConfigStore(db, tableName);
  const current = await store.load();
  await store.savePolicies({
    policies: parsePolicyDocument({
      policies: [
        {
          id: 'burst',
          name: 'Burst: urgent',
          match: { priority: ['urgent'] },
          targets: {
            timeToOpen: BURST_TIME_TO_OPEN_MS / 1000,
            timeToResolve: 'PT8H',
            totalServiceTime: 'PT24H',
          },
          reminders: [],
          atRisk: null,
        },
        ...defaultPolicies(),
      ],
    }).policies,
    previous: current.policies,
    expectedVersion: current.version,
    actor: { id: 'bench', name: 'Bench', role: 'admin' },
    at: new Date().toISOString(),
  });
};

const inBatches = async <T>(items: T[], size: number, work: (batch: T[]) => Promise<void>) => {
  const batches: T[][] = [];
  for (let i = 0; i < items.length; i += size) batches.push(items.slice(i, i + size));
  let next = 0;
  await Promise.all(
    Array.from({ length: PARALLEL_BATCHES }, async () => {
      for (let batch = batches[next++]; batch; batch = batches[next++]) await work(batch);
    }),
  );
};

/** Every item, unprocessed ones again until none is left. */
export const writeItems = (db: DynamoDBDocumentClient, tableName: string, items: Record<string, unknown>[]) =>
  inBatches(items, 25, async (batch) => {
    let requests = batch.map((Item) => ({ PutRequest: { Item } }));
    while (requests.length) {
      const result = await db.send(new BatchWriteCommand({ RequestItems: { [tableName]: requests } }));
      requests = (result.UnprocessedItems?.[tableName] ?? []) as typeof requests;
    }
  });

/** The items of these keys (those that exist), consistently read, 100 to a BatchGetItem. */
export const readItems = async (db: DynamoDBDocumentClient, tableName: string, keys: object[]) => {
  const items: Record<string, unknown>[] = [];
  await inBatches(keys, 100, async (batch) => {
    let pending = batch as Record<string, unknown>[];
    while (pending.length) {
      const result = await db.send(
        new BatchGetCommand({ RequestItems: { [tableName]: { Keys: pending, ConsistentRead: true } } }),
      );
      items.push(...(result.Responses?.[tableName] ?? []));
      pending = (result.UnprocessedKeys?.[tableName]?.Keys ?? []) as typeof pending;
    }
  });
  return items;
};

/**
 * Writes `count` urgent tickets of the demo client whose time to open runs out at `deadline`
 * (under the policy of `saveBurstPolicy`), each with its timer armed for that instant. Returns their ids.
 */
export const writeTicketsDueAt = async (input: {
  db: DynamoDBDocumentClient;
  tableName: string;
  count: number;
  deadline: Date;
  /** The reference number of the first ticket (default 900,000, far above the demo's). */
  firstReference?: number;
}): Promise<string[]> => {
  const createdAt = new Date(input.deadline.getTime() - BURST_TIME_TO_OPEN_MS);
  const at = createdAt.toISOString();
  const ids = ulidGenerator();
  const refuse = () => {
    throw new Error('the burst only computes the sla block');
  };
  const hooks = slaHooks({
    store: { getTicket: refuse } as never,
    config: new SlaConfigCache(new DynamoSlaConfigStore(input.db, input.tableName), systemClock),
    scheduler: { arm: refuse, cancel: refuse },
    clock: systemClock,
    ids,
    log: logger,
  });
  const client = demoUsers.find((user) => user.email === 'client@acme.example');
  if (!client) throw new Error('no demo client');
  const items: Record<string, unknown>[] = [];
  const ticketIds: string[] = [];
  for (let i = 0; i < input.count; i++) {
    const id = ids.next();
    const fresh: Ticket = {
      id,
      reference: formatReference(createdAt.getUTCFullYear(), (input.firstReference ?? 900_000) + i),
      subject: `Opened overnight ${i}`,
      description: 'Waiting for the desk to open',
      status: 'new',
      priority: 'urgent',
      category: null,
      tags: [],
      queue: 'general',
      orgId: 'acme',
      requester: { id: client.id, email: client.email, name: client.name },
      assignee: null,
      channel: 'web',
      version: 1,
      createdAt: at,
      updatedAt: at,
      sla: emptySla(),
    };
    const created = makeEvent({
      id: ids.next(),
      ticketId: id,
      type: 'ticket.created',
      actor: { id: client.id, name: client.name, role: 'client' },
      at,
      changes: [{ field: 'status', from: null, to: 'new' }],
    });
    const { ticket, events } = await hooks.prepare(
      { ticket: fresh, previous: null, events: [created] },
      createdAt,
    );
    const payload = checkPayloadOf(ticket);
    const name = normalizeSla(ticket.sla).scheduleName;
    if (!payload || !name || payload.dueAt !== input.deadline.toISOString())
      throw new Error(`ticket ${i} is not due at the deadline: ${JSON.stringify(payload)}`);
    items.push(
      ticketItem(ticket),
      ...events.map((event) => eventItem(id, event)),
      scheduleItem(name, payload),
    );
    ticketIds.push(id);
  }
  await writeItems(input.db, input.tableName, items);
  return ticketIds;
};

/** When the ticket was flagged (its TTS breach recorded: the check's write), or null if it was not. */
export const flaggedAtOf = (item: Record<string, unknown>): number | null => {
  const breaches = (item.sla as { breaches?: { clock: string }[] } | undefined)?.breaches ?? [];
  return breaches.some((breach) => breach.clock === 'timeToOpen')
    ? new Date(String(item.updatedAt)).getTime()
    : null;
};
