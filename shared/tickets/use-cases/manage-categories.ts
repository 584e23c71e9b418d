import type { Caller } from '#identity/caller.js';
import { Forbidden, PreconditionFailed } from '#platform/errors.js';
import type { Clock } from '#platform/ports.js';
import type { SettingsDocuments } from '#platform/settings-documents.js';
import {
  CATEGORIES_DOCUMENT,
  type CategoryDefinition,
  CategoryList,
  defaultCategories,
  parseCategoryList,
} from '../categories.js';
import { authorOf } from '../ticket.js';

export interface CategoryDeps {
  documents: SettingsDocuments;
  clock: Clock;
}

export interface VersionedCategories {
  categories: CategoryDefinition[];
  version: number;
}

/** The categories as stored now, or the seeded five while none were saved (version 0). */
export const getCategories = async (deps: CategoryDeps): Promise<VersionedCategories> => {
  const stored = await deps.documents.load(CATEGORIES_DOCUMENT);
  if (stored.version === 0) return { categories: defaultCategories(), version: 0 };
  return { categories: CategoryList.parse(stored.value).categories, version: stored.version };
};

/** Replaces the list (admins); a stale If-Match is a 412; every save is audited (who, when, before → after). */
export const putCategories = async (
  deps: CategoryDeps,
  caller: Caller,
  body: unknown,
  ifMatch?: number,
): Promise<VersionedCategories> => {
  if (caller.kind !== 'user' || caller.role !== 'admin')
    throw new Forbidden('Only admins change the categories');
  const list = parseCategoryList(body);
  const current = await getCategories(deps);
  if (ifMatch !== undefined && ifMatch !== current.version)
    throw new PreconditionFailed(
      `The categories are at version ${current.version}, not ${ifMatch}: someone saved them since you read them. Reload and retry.`,
    );
  const version = await deps.documents.save({
    name: CATEGORIES_DOCUMENT,
    value: list,
    previous: { categories: current.categories },
    expectedVersion: current.version,
    actor: authorOf(caller),
    at: deps.clock.now().toISOString(),
  });
  return { categories: list.categories, version };
};
