import { listQueues } from '#queues/use-cases/list-queues.js';
import { json, route } from '../http/route.js';
import { queues } from '../wiring/api.js';

export const handler = route({ action: 'queues:list' }, async () =>
  json(200, { items: await listQueues({ queues }) }),
);
