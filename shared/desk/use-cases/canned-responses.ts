import type { Caller } from '#identity/caller.js';
import { Invalid, NotFound, PreconditionFailed } from '#platform/errors.js';
import type { Clock, IdGenerator } from '#platform/ports.js';
import type { TicketStore } from '#tickets/ports.js';
import {
  assertMayWrite,
  type CannedResponse,
  type CannedResponsePatch,
  type NewCannedResponse,
  renderBody,
} from '../canned-response.js';
import type { CannedResponseStore } from '../ports.js';

export interface CannedDeps {
  store: CannedResponseStore;
  tickets: Pick<TicketStore, 'getTicket'>;
  clock: Clock;
  ids: IdGenerator;
}

/** The caller's own id and name (every canned route is for staff, who are users). */
const personOf = (caller: Caller) => ({
  id: caller.id,
  name: caller.kind === 'user' ? caller.name : caller.id,
});

/** Shared responses first, then the caller's own, each by title. */
export const listCannedResponses = async (
  deps: Pick<CannedDeps, 'store'>,
  caller: Caller,
): Promise<CannedResponse[]> =>
  (await deps.store.list(caller.id)).sort(
    (a, b) => Number(b.shared) - Number(a.shared) || a.title.localeCompare(b.title),
  );

/** A shared response or the caller's own; any other id is a 404, whoever wrote it. */
export const getCannedResponse = async (
  deps: Pick<CannedDeps, 'store'>,
  caller: Caller,
  id: string,
): Promise<CannedResponse> => {
  const found = await deps.store.find(id, caller.id);
  if (!found) throw new NotFound(`No canned response ${id}`);
  return found;
};

export const createCannedResponse = async (
  deps: CannedDeps,
  caller: Caller,
  body: NewCannedResponse,
): Promise<CannedResponse> => {
  const now = deps.clock.now().toISOString();
  const response: CannedResponse = {
    id: deps.ids.next(),
    title: body.title,
    body: body.body,
    language: body.language,
    shared: body.shared,
    owner: personOf(caller),
    version: 1,
    createdAt: now,
    updatedAt: now,
  };
  assertMayWrite(caller, response);
  await deps.store.create(response);
  return response;
};

/** Changes title, body or language as version + 1 (If-Match: 412 when it moved meanwhile). */
export const updateCannedResponse = async (
  deps: CannedDeps,
  caller: Caller,
  id: string,
  patch: CannedResponsePatch,
  ifMatch: number | undefined,
): Promise<CannedResponse> => {
  const current = await getCannedResponse(deps, caller, id);
  assertMayWrite(caller, current);
  if (patch.shared !== undefined && patch.shared !== current.shared) {
    throw new Invalid('A canned response cannot move between shared and personal', [
      { path: 'shared', message: 'Cannot change: create a new response instead' },
    ]);
  }
  if (ifMatch !== undefined && ifMatch !== current.version) {
    throw new PreconditionFailed(`The canned response is at version ${current.version}, not ${ifMatch}`);
  }
  const next: CannedResponse = {
    ...current,
    ...(patch.title !== undefined ? { title: patch.title } : {}),
    ...(patch.body !== undefined ? { body: patch.body } : {}),
    ...(patch.language !== undefined ? { language: patch.language } : {}),
    version: current.version + 1,
    updatedAt: deps.clock.now().toISOString(),
  };
  await deps.store.update(next, current.version);
  return next;
};

export const deleteCannedResponse = async (
  deps: Pick<CannedDeps, 'store'>,
  caller: Caller,
  id: string,
): Promise<void> => {
  const current = await getCannedResponse(deps, caller, id);
  assertMayWrite(caller, current);
  await deps.store.delete(current);
};

/** The response's body with the ticket's and the caller's values in its placeholders (2 reads, in parallel). */
export const renderCannedResponse = async (
  deps: Pick<CannedDeps, 'store' | 'tickets'>,
  caller: Caller,
  id: string,
  ticketId: string,
): Promise<{ body: string }> => {
  const [response, ticket] = await Promise.all([
    getCannedResponse(deps, caller, id),
    deps.tickets.getTicket(ticketId),
  ]);
  if (!ticket) throw new NotFound(`No ticket ${ticketId}`);
  return { body: renderBody(response.body, { ticket, agentName: personOf(caller).name }) };
};
