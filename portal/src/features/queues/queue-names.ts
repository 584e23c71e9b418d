import type { Endpoints } from '../../api/endpoints.js';
import type { Queue } from '../../api/types.js';
import { isStaff, useApp } from '../../context.js';
import { useLoad } from '../../lib/load.js';

/** A queue's name for its id; an id the list does not know (or before it loaded) stays as it is. */
export type QueueName = (id: string) => string;

export const queueNameFrom =
  (queues: readonly Pick<Queue, 'id' | 'name'>[] | undefined): QueueName =>
  (id) =>
    queues?.find((queue) => queue.id === id)?.name ?? id;

/** One queue list per signed-in API client: names rarely change, and every staff page needs them. */
const lists = new WeakMap<Endpoints, Promise<Queue[]>>();
const queuesOf = (api: Endpoints): Promise<Queue[]> => {
  let list = lists.get(api);
  if (!list) {
    list = api.listQueues();
    lists.set(api, list);
    // A failed load is forgotten, so the next page tries again; until then ids are shown.
    list.catch(() => lists.delete(api));
  }
  return list;
};

/** Queue names for staff pages (GET /queues is staff only: a client sees ids, e.g. in a transfer's history). */
export const useQueueNames = (): QueueName => {
  const { api, user } = useApp();
  const staff = isStaff(user);
  const queues = useLoad(
    async (): Promise<Queue[]> => (staff ? queuesOf(api).catch((): Queue[] => []) : []),
    [api, staff],
  );
  return queueNameFrom(queues.data);
};
