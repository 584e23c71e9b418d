import { NewQueue } from '#queues/queue.js';
import { createQueue } from '#queues/use-cases/manage-queues.js';
import { etag, json, route, signedIn } from '../http/route.js';
import { queueAdminDeps } from '../wiring/api.js';

export const handler = route({ action: 'queues:write', body: NewQueue }, async ({ caller, body }) => {
  const queue = await createQueue(queueAdminDeps, signedIn(caller), body);
  return json(201, queue, { etag: etag(queue.version), location: `/api/v1/queues/${queue.id}` });
});
