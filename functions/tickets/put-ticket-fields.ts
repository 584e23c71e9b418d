import * as z from 'zod';
import { putTicketFields } from '#tickets/use-cases/manage-ticket-fields.js';
import { etag, ifMatchVersion, json, route, signedIn } from '../http/route.js';
import { categoryDeps } from '../wiring/admin.js';
import { ticketFieldDefinitions } from '../wiring/ticket-fields.js';

export const handler = route(
  // The use case validates the definitions, each message naming its field (`fields.0.options`).
  { action: 'ticket-fields:write', body: z.unknown() },
  async ({ caller, body, headers }) => {
    const { fields, version } = await putTicketFields(
      categoryDeps,
      signedIn(caller),
      body,
      ifMatchVersion(headers),
    );
    ticketFieldDefinitions.forget();
    return json(200, { fields }, { etag: etag(version) });
  },
);
