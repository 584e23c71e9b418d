import { OrganisationPatch, OrganisationPathParams } from '#identity/organisation.js';
import { updateOrganisation } from '#identity/use-cases/organisations.js';
import { etag, ifMatchVersion, json, route, signedIn } from '../http/route.js';
import { organisationAdminDeps } from '../wiring/api.js';

export const handler = route(
  { action: 'organisations:write', params: OrganisationPathParams, body: OrganisationPatch },
  async ({ caller, params, body, headers }) => {
    const organisation = await updateOrganisation(
      organisationAdminDeps,
      signedIn(caller),
      params.id,
      body,
      ifMatchVersion(headers),
    );
    return json(200, organisation, { etag: etag(organisation.version) });
  },
);
