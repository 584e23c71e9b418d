import * as z from 'zod';
import { putStatusLabels } from '#tickets/use-cases/manage-status-labels.js';
import { etag, ifMatchVersion, json, route, signedIn } from '../http/route.js';
import { categoryDeps } from '../wiring/admin.js';

export const handler = route(
  // The use case validates the labels, each message naming its field (`labels.open.de`).
  { action: 'statuses:write', body: z.unknown() },
  async ({ caller, body, headers }) => {
    const { statuses, version } = await putStatusLabels(
      categoryDeps,
      signedIn(caller),
      body,
      ifMatchVersion(headers),
    );
    return json(200, { statuses }, { etag: etag(version) });
  },
);
