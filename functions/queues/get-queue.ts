import { QueuePathParams } from '#queues/queue.js';
import { getQueue } from '#queues/use-cases/manage-queues.js';
import { etag, json, route } from '../http/route.js';
import { queueAdminDeps } from '../wiring/api.js';

export const handler = route({ action: 'queues:list', params: QueuePathParams }, async ({ params }) => {
  const queue = await getQueue(queueAdminDeps, params.id);
  return json(200, queue, { etag: etag(queue.version) });
});
