import { Invalid, NotFound, PreconditionFailed } from '#platform/errors.js';
import type { Clock } from '#platform/ports.js';
import { auditActor } from '../audit.js';
import type { Caller } from '../caller.js';
import type {
  NewOrganisation,
  Organisation,
  OrganisationPage,
  OrganisationPatch,
  OrganisationStore,
  OrganisationsQuery,
} from '../organisation.js';

export interface OrganisationAdminDeps {
  organisations: OrganisationStore;
  /** Whether a queue of this id exists (the default queue must). */
  queueExists(queueId: string): Promise<boolean>;
  clock: Clock;
}

const checkQueue = async (deps: OrganisationAdminDeps, queue: string | null): Promise<void> => {
  if (queue !== null && !(await deps.queueExists(queue)))
    throw new Invalid(`There is no queue '${queue}'`, [{ path: 'defaultQueue', message: 'Unknown queue' }]);
};

/** `GET /organisations`: a page by id (one Query), and where the next one starts. */
export const listOrganisations = async (
  deps: Pick<OrganisationAdminDeps, 'organisations'>,
  query: OrganisationsQuery,
): Promise<OrganisationPage> => {
  const page = await deps.organisations.list(query.limit, query.cursor);
  return { items: page.items, nextCursor: page.next };
};

/** `POST /organisations` (admins): with its domain claims (a domain of another organisation → 400) and audit. */
export const createOrganisation = async (
  deps: OrganisationAdminDeps,
  caller: Caller,
  body: NewOrganisation,
): Promise<Organisation> => {
  await checkQueue(deps, body.defaultQueue);
  const organisation: Organisation = { ...body, version: 1 };
  const at = deps.clock.now().toISOString();
  await deps.organisations.create(organisation, {
    actor: auditActor(caller),
    at,
    before: null,
    after: organisation,
  });
  return organisation;
};

/** `PATCH /organisations/{id}` (admins) at the version read (If-Match), audited before → after. */
export const updateOrganisation = async (
  deps: OrganisationAdminDeps,
  caller: Caller,
  id: string,
  patch: OrganisationPatch,
  ifMatch: number | undefined,
): Promise<Organisation> => {
  const current = await deps.organisations.get(id);
  if (!current) throw new NotFound(`There is no organisation '${id}'`);
  if (ifMatch !== undefined && ifMatch !== current.version)
    throw new PreconditionFailed(
      `The organisation is at version ${current.version}, not ${ifMatch}: reload and retry`,
    );
  if (patch.defaultQueue !== undefined) await checkQueue(deps, patch.defaultQueue);
  const after: Organisation = { ...current, ...patch, version: current.version + 1 };
  const at = deps.clock.now().toISOString();
  await deps.organisations.update(after, current, { actor: auditActor(caller), at, before: current, after });
  return after;
};
