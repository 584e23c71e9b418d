import * as z from 'zod';
import { putCategories } from '#tickets/use-cases/manage-categories.js';
import { etag, ifMatchVersion, json, route, signedIn } from '../http/route.js';
import { categoryDeps } from '../wiring/admin.js';

export const handler = route(
  // The use case validates the list, each message naming its field (`categories.0.names.de`).
  { action: 'categories:write', body: z.unknown() },
  async ({ caller, body, headers }) => {
    const { categories, version } = await putCategories(
      categoryDeps,
      signedIn(caller),
      body,
      ifMatchVersion(headers),
    );
    return json(200, { categories }, { etag: etag(version) });
  },
);
