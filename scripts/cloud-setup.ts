/**
 * The starting configuration of a deployed help desk: organisations and queues in the table
 * (the cloud is not seeded with demo data). Idempotent: run it again to add more.
 *
 *   npx tsx scripts/cloud-setup.ts --table <TableName output> \
 *     --org acme="Acme Corporation" --queue general=General --queue billing=Billing
 *
 * Uses the AWS credentials and region of the shell (AWS_PROFILE, AWS_REGION).
 */
import { parseArgs } from 'node:util';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { createQueue } from '#local/seed.js';
import { createDocumentClient } from '#platform/adapters/dynamodb-client.js';
import { organisationEntity } from '#platform/table/organisation.js';

const { values } = parseArgs({
  options: {
    table: { type: 'string' },
    org: { type: 'string', multiple: true, default: [] },
    queue: { type: 'string', multiple: true, default: [] },
  },
});

const pairs = (entries: string[], what: string) =>
  entries.map((entry) => {
    const [id, ...rest] = entry.split('=');
    const name = rest.join('=').trim();
    if (!id || !/^[a-z0-9][a-z0-9-]{0,63}$/.test(id) || !name) {
      throw new Error(`--${what} takes id=Name with a lower-case id, got "${entry}"`);
    }
    return { id, name };
  });

const tableName = values.table;
if (!tableName) throw new Error('--table is required: the TableName output of the stateful stack');
const organisations = pairs(values.org, 'org');
const queues = pairs(values.queue, 'queue');
if (organisations.length + queues.length === 0) throw new Error('Nothing to do: give --org and/or --queue');

const db = createDocumentClient();
for (const org of organisations) {
  await db.send(
    new PutCommand({
      TableName: tableName,
      Item: { ...organisationEntity.item(org.id), ...org },
    }),
  );
  console.log(`organisation ${org.id}: ${org.name}`);
}
for (const queue of queues) {
  await createQueue(db, tableName, queue);
  console.log(`queue ${queue.id}: ${queue.name}`);
}
