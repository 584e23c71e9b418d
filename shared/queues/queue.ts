import * as z from 'zod';

/** A queue of tickets, as `GET /queues` lists it: the counts per status come from its count shards. */
export const Queue = z
  .object({
    id: z.string(),
    name: z.string(),
    counts: z.record(z.string(), z.int()).meta({ description: 'Tickets in this queue per status' }),
  })
  .meta({ id: 'Queue' });
export type Queue = z.infer<typeof Queue>;
