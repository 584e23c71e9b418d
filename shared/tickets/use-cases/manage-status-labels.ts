import type { Caller } from '#identity/caller.js';
import { Forbidden, PreconditionFailed } from '#platform/errors.js';
import {
  parseStatusLabels,
  STATUS_LABELS_DOCUMENT,
  StatusLabels,
  type StatusList,
  statusListOf,
} from '../status-labels.js';
import { authorOf } from '../ticket.js';
import type { CategoryDeps } from './manage-categories.js';

/** The same versioned, audited admin documents as the categories. */
export type StatusLabelDeps = CategoryDeps;

export type VersionedStatuses = StatusList & { version: number };

const stored = async (deps: StatusLabelDeps) => {
  const document = await deps.documents.load(STATUS_LABELS_DOCUMENT);
  const labels = document.version === 0 ? {} : StatusLabels.parse(document.value).labels;
  return { labels, version: document.version };
};

/** Every status with its labels (none while no admin saved any: version 0). */
export const getStatuses = async (deps: StatusLabelDeps): Promise<VersionedStatuses> => {
  const { labels, version } = await stored(deps);
  return { ...statusListOf(labels), version };
};

/** Replaces the labels (admins); a stale If-Match is a 412; every save is audited (who, when, before → after). */
export const putStatusLabels = async (
  deps: StatusLabelDeps,
  caller: Caller,
  body: unknown,
  ifMatch?: number,
): Promise<VersionedStatuses> => {
  if (caller.kind !== 'user' || caller.role !== 'admin')
    throw new Forbidden('Only admins rename the statuses');
  const next = parseStatusLabels(body);
  const current = await stored(deps);
  if (ifMatch !== undefined && ifMatch !== current.version)
    throw new PreconditionFailed(
      `The status labels are at version ${current.version}, not ${ifMatch}: someone saved them since you read them. Reload and retry.`,
    );
  const version = await deps.documents.save({
    name: STATUS_LABELS_DOCUMENT,
    value: next,
    previous: { labels: current.labels },
    expectedVersion: current.version,
    actor: authorOf(caller),
    at: deps.clock.now().toISOString(),
  });
  return { ...statusListOf(next.labels), version };
};
