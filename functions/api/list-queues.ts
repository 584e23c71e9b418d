import { listQueues } from '../../shared/tickets/use-cases.js';
import { ticketDeps } from './commons/deps.js';
import { json, route } from './commons/http.js';

export const handler = route({ action: 'queues:list' }, async () =>
  json(200, { items: await listQueues(ticketDeps) }),
);
