import { listOrganisations } from '#identity/use-cases/organisations.js';
import { json, route } from '../http/route.js';
import { organisationAdminDeps } from '../wiring/api.js';

export const handler = route({ action: 'organisations:read' }, async () =>
  json(200, { items: await listOrganisations(organisationAdminDeps) }),
);
