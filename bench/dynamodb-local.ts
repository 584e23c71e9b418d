/**
 * What one DynamoDB call costs on DynamoDB Local on this machine, in CPU milliseconds of the
 * Java process and of this Node process (the SDK's side): the floor under every local
 * figure, since each request path, check and consumer is a handful of these calls. Items the
 * size of a ticket (1.5 KB); 32 calls in flight. Printed as a table; `npm run bench` stores it.
 */
import { readFileSync } from 'node:fs';
import {
  BatchGetCommand,
  BatchWriteCommand,
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { localDynamoClient, startDynamoDbLocal } from '#local/dynamodb.js';
import { freePort } from '#local/free-port.js';
import { ensureTable } from '#local/table.js';

export interface CallCost {
  call: string;
  /** Items per call. */
  items: number;
  calls: number;
  callsPerSecond: number;
  javaMsPerCall: number;
  nodeMsPerCall: number;
  /** Java + Node, per item written or read. */
  cpuMsPerItem: number;
}

const TICKS_MS = 10;
const cpuMsOf = (pid: number): number => {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * TICKS_MS;
};

export const benchDynamoDbLocal = async (): Promise<CallCost[]> => {
  const dynamo = await startDynamoDbLocal({ port: await freePort(), readyWithinMs: 120_000 });
  const pid = dynamo.pid;
  if (!pid) throw new Error('DynamoDB Local has no process id');
  const raw = localDynamoClient(dynamo.endpoint);
  const db = DynamoDBDocumentClient.from(raw, { marshallOptions: { removeUndefinedValues: true } });
  const TableName = 'helpdesk-bench-call-costs';
  await ensureTable(raw, TableName);
  const body = 'x'.repeat(1500);
  const ticket = (i: number, version: number) => ({ pk: `T#${i}`, sk: 'TICKET', body, version });
  const tickets = 2000;
  for (let i = 0; i < tickets; i += 25) {
    await db.send(
      new BatchWriteCommand({
        RequestItems: {
          [TableName]: Array.from({ length: 25 }, (_, j) => ({ PutRequest: { Item: ticket(i + j, 1) } })),
        },
      }),
    );
  }

  const rows: CallCost[] = [];
  const measure = async (call: string, items: number, calls: number, op: (i: number) => Promise<unknown>) => {
    const inFlight = Math.min(32, calls);
    const java = cpuMsOf(pid);
    const node = process.cpuUsage();
    const started = Date.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: inFlight }, async () => {
        while (next < calls) await op(next++);
      }),
    );
    const elapsed = Date.now() - started;
    const nodeUsage = process.cpuUsage(node);
    const javaMs = cpuMsOf(pid) - java;
    const nodeMs = (nodeUsage.user + nodeUsage.system) / 1000;
    rows.push({
      call,
      items,
      calls,
      callsPerSecond: Math.round((calls / elapsed) * 1000),
      javaMsPerCall: Math.round((javaMs / calls) * 100) / 100,
      nodeMsPerCall: Math.round((nodeMs / calls) * 100) / 100,
      cpuMsPerItem: Math.round(((javaMs + nodeMs) / calls / items) * 100) / 100,
    });
  };
  const key = (i: number) => ({ pk: `T#${i % tickets}`, sk: 'TICKET' });
  // Warm the JIT of both sides first; not reported.
  await measure('warm-up', 1, 1000, (i) => db.send(new GetCommand({ TableName, Key: key(i) })));
  rows.length = 0;
  await measure('GetItem', 1, 3000, (i) => db.send(new GetCommand({ TableName, Key: key(i) })));
  await measure('PutItem', 1, 2000, (i) =>
    db.send(new PutCommand({ TableName, Item: { pk: `S#${i}`, sk: 'SCHEDULE', dueAt: 'x' } })),
  );
  await measure('UpdateItem (conditional)', 1, 2000, (i) =>
    db.send(
      new UpdateCommand({
        TableName,
        Key: { pk: `N#${i}`, sk: 'NOTICE' },
        UpdateExpression: 'SET #state = :sending',
        ConditionExpression: 'attribute_not_exists(pk)',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: { ':sending': 'sending' },
      }),
    ),
  );
  // A check's transaction: the ticket, versioned, and two history events.
  await measure('TransactWriteItems (ticket + 2 events)', 3, 2000, (i) =>
    db.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName,
              Item: ticket(i % tickets, 2 + Math.floor(i / tickets)),
              ConditionExpression: 'version = :seen',
              ExpressionAttributeValues: { ':seen': 1 + Math.floor(i / tickets) },
            },
          },
          { Put: { TableName, Item: { pk: `T#${i % tickets}`, sk: `EVENT#${i}a`, body: 'breached' } } },
          { Put: { TableName, Item: { pk: `T#${i % tickets}`, sk: `EVENT#${i}b`, body: 'escalated' } } },
        ],
      }),
    ),
  );
  await measure('BatchGetItem', 100, 40, (i) =>
    db.send(
      new BatchGetCommand({
        RequestItems: { [TableName]: { Keys: Array.from({ length: 100 }, (_, j) => key(i * 100 + j)) } },
      }),
    ),
  );
  await measure('BatchWriteItem', 25, 80, (i) =>
    db.send(
      new BatchWriteCommand({
        RequestItems: {
          [TableName]: Array.from({ length: 25 }, (_, j) => ({
            PutRequest: { Item: { pk: `S2#${i * 25 + j}`, sk: 'SCHEDULE', dueAt: 'x' } },
          })),
        },
      }),
    ),
  );
  raw.destroy();
  await dynamo.stop();

  console.log(
    '\nWhat a DynamoDB Local call costs here (CPU ms of the Java process and of the SDK in Node; 32 in flight)',
  );
  console.table(
    rows.map((row) => ({
      call: row.call,
      'items/call': row.items,
      'calls/s': row.callsPerSecond,
      'Java ms/call': row.javaMsPerCall,
      'Node ms/call': row.nodeMsPerCall,
      'CPU ms/item': row.cpuMsPerItem,
    })),
  );
  return rows;
};

if (import.meta.url === `file://${process.argv[1]}`) {
  await benchDynamoDbLocal();
  process.exit(0);
}
