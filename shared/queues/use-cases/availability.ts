import * as z from 'zod';
import { type Caller, isStaff } from '#identity/caller.js';
import { Forbidden } from '#platform/errors.js';
import { type PullDeps, pullQueuedTickets } from './auto-assign.js';

export const AvailabilityBody = z.strictObject({ available: z.boolean() }).meta({ id: 'Availability' });
export type AvailabilityBody = z.infer<typeof AvailabilityBody>;

export const AvailabilityResult = z
  .object({
    available: z.boolean(),
    assigned: z
      .array(z.object({ id: z.string(), reference: z.string() }))
      .meta({ description: 'Waiting tickets handed to you as you became available' }),
  })
  .meta({ id: 'AvailabilityResult' });
export type AvailabilityResult = z.infer<typeof AvailabilityResult>;

/**
 * `PUT /me/availability`: whether auto-assignment gives the caller tickets. Becoming available
 * hands them the oldest waiting tickets of their queues that fit, up to their free capacity.
 */
export const setAvailability = async (
  deps: PullDeps,
  caller: Caller,
  body: AvailabilityBody,
): Promise<AvailabilityResult> => {
  if (caller.kind !== 'user' || !isStaff(caller)) throw new Forbidden('Only staff take tickets');
  await deps.roster.setAvailable(caller.id, body.available);
  const given = body.available ? await pullQueuedTickets(deps, caller.id) : [];
  return {
    available: body.available,
    assigned: given.map((ticket) => ({ id: ticket.id, reference: ticket.reference })),
  };
};
