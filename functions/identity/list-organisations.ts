import { OrganisationsQuery } from '#identity/organisation.js';
import { listOrganisations } from '#identity/use-cases/organisations.js';
import { json, route } from '../http/route.js';
import { organisationAdminDeps } from '../wiring/api.js';

export const handler = route({ action: 'organisations:read', query: OrganisationsQuery }, async ({ query }) =>
  json(200, await listOrganisations(organisationAdminDeps, query)),
);
