import type { Caller } from '#identity/caller.js';
import { Invalid, NotFound, PreconditionFailed } from '#platform/errors.js';
import type { Clock, IdGenerator } from '#platform/ports.js';
import type { SavedViewStore } from '../ports.js';
import { assertMayWriteView, type NewSavedView, type SavedView, type SavedViewPatch } from '../saved-view.js';

export interface SavedViewDeps {
  views: SavedViewStore;
  clock: Clock;
  ids: IdGenerator;
}

const personOf = (caller: Caller) => ({
  id: caller.id,
  name: caller.kind === 'user' ? caller.name : caller.id,
});

/** Shared views first, then the caller's own, each by name. */
export const listSavedViews = async (
  deps: Pick<SavedViewDeps, 'views'>,
  caller: Caller,
): Promise<SavedView[]> =>
  (await deps.views.list(caller.id)).sort(
    (a, b) => Number(b.shared) - Number(a.shared) || a.name.localeCompare(b.name),
  );

/** A shared view or the caller's own; any other id is a 404, whoever saved it. */
const findView = async (
  deps: Pick<SavedViewDeps, 'views'>,
  caller: Caller,
  id: string,
): Promise<SavedView> => {
  const found = await deps.views.find(id, caller.id);
  if (!found) throw new NotFound(`No view ${id}`);
  return found;
};

export const createSavedView = async (
  deps: SavedViewDeps,
  caller: Caller,
  body: NewSavedView,
): Promise<SavedView> => {
  const now = deps.clock.now().toISOString();
  const view: SavedView = {
    id: deps.ids.next(),
    name: body.name,
    filters: body.filters,
    sort: body.sort,
    shared: body.shared,
    owner: personOf(caller),
    version: 1,
    createdAt: now,
    updatedAt: now,
  };
  assertMayWriteView(caller, view);
  await deps.views.create(view);
  return view;
};

/** Changes name, filters or sort as version + 1 (If-Match: 412 when it moved meanwhile). */
export const updateSavedView = async (
  deps: SavedViewDeps,
  caller: Caller,
  id: string,
  patch: SavedViewPatch,
  ifMatch: number | undefined,
): Promise<SavedView> => {
  const current = await findView(deps, caller, id);
  assertMayWriteView(caller, current);
  if (patch.shared !== undefined && patch.shared !== current.shared) {
    throw new Invalid('A view cannot move between shared and personal', [
      { path: 'shared', message: 'Cannot change: save a new view instead' },
    ]);
  }
  if (ifMatch !== undefined && ifMatch !== current.version) {
    throw new PreconditionFailed(`The view is at version ${current.version}, not ${ifMatch}`);
  }
  const next: SavedView = {
    ...current,
    ...(patch.name !== undefined ? { name: patch.name } : {}),
    ...(patch.filters !== undefined ? { filters: patch.filters } : {}),
    ...(patch.sort !== undefined ? { sort: patch.sort } : {}),
    version: current.version + 1,
    updatedAt: deps.clock.now().toISOString(),
  };
  await deps.views.update(next, current.version);
  return next;
};

/** Deletes a view (If-Match: 412 when it moved meanwhile). */
export const deleteSavedView = async (
  deps: Pick<SavedViewDeps, 'views'>,
  caller: Caller,
  id: string,
  ifMatch: number | undefined,
): Promise<void> => {
  const current = await findView(deps, caller, id);
  assertMayWriteView(caller, current);
  if (ifMatch !== undefined && ifMatch !== current.version) {
    throw new PreconditionFailed(`The view is at version ${current.version}, not ${ifMatch}`);
  }
  await deps.views.delete(current);
};
