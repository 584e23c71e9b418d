import { NewOrganisation } from '#identity/organisation.js';
import { createOrganisation } from '#identity/use-cases/organisations.js';
import { etag, json, route, signedIn } from '../http/route.js';
import { organisationAdminDeps } from '../wiring/api.js';

export const handler = route(
  { action: 'organisations:write', body: NewOrganisation },
  async ({ caller, body }) => {
    const organisation = await createOrganisation(organisationAdminDeps, signedIn(caller), body);
    return json(201, organisation, {
      etag: etag(organisation.version),
      location: `/api/v1/organisations/${organisation.id}`,
    });
  },
);
