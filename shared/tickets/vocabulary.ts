import * as z from 'zod';

/**
 * The closed vocabularies of a ticket, apart from the request schemas (./schemas.ts) so that
 * the record schemas (./record-schemas.ts) can use them without a cycle.
 */

export const Priority = /* @__PURE__ */ z.enum(['low', 'normal', 'high', 'urgent']).meta({ id: 'Priority' });
export type Priority = z.infer<typeof Priority>;

export const Channel = /* @__PURE__ */ z
  .enum(['web', 'email', 'api', 'phone', 'chat'])
  .meta({ id: 'Channel' });
export type Channel = z.infer<typeof Channel>;

/** The channels staff log a conversation from by hand (a call, a chat transcript); e-mail arrives by itself. */
export const LoggedChannel = /* @__PURE__ */ z.enum(['web', 'phone', 'chat']).meta({ id: 'LoggedChannel' });
export type LoggedChannel = z.infer<typeof LoggedChannel>;
