import * as z from 'zod';
import { putRules } from '#automation/use-cases/manage-rules.js';
import { etag, ifMatchVersion, json, route, signedIn } from '../http/route.js';
import { automationAdmin } from '../wiring/admin.js';

export const handler = route(
  // The use case validates the list: each message names its field (`rules.0.then.1.value`).
  { action: 'automation:write', body: z.unknown() },
  async ({ caller, body, headers }) => {
    const { rules, version } = await putRules(
      automationAdmin,
      signedIn(caller),
      body,
      ifMatchVersion(headers),
    );
    return json(200, { rules }, { etag: etag(version) });
  },
);
