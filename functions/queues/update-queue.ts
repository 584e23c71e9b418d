import { QueuePatch, QueuePathParams } from '#queues/queue.js';
import { updateQueue } from '#queues/use-cases/manage-queues.js';
import { etag, ifMatchVersion, json, route, signedIn } from '../http/route.js';
import { queueAdminDeps } from '../wiring/api.js';

export const handler = route(
  { action: 'queues:write', params: QueuePathParams, body: QueuePatch },
  async ({ caller, params, body, headers }) => {
    const queue = await updateQueue(
      queueAdminDeps,
      signedIn(caller),
      params.id,
      body,
      ifMatchVersion(headers),
    );
    return json(200, queue, { etag: etag(queue.version) });
  },
);
