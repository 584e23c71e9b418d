import {
  envelope,
  type IndexName,
  indexKey,
  indexKeyNames,
  joinKey,
  type Key,
  type QuerySpec,
} from './key.js';

/**
 * A pending schedule of the local scheduler: `SCHEDULE#<name>` / `SCHEDULE`, listed by due time
 * on gsi6 (`SCHEDULES`, sorted `<dueAt>#<name>`).
 */
const SCHEDULE = 'SCHEDULE';
const PENDING_SCHEDULES = 'SCHEDULES';
const ENTITY = 'schedule';

const byDueTime = 'gsi6' satisfies IndexName;

const key = (name: string): Key => ({ pk: joinKey(SCHEDULE, name), sk: SCHEDULE });
const dueSortKey = (schedule: { name: string; dueAt: string }) => joinKey(schedule.dueAt, schedule.name);

const indexKeys = (schedule: { name: string; dueAt: string }): Record<string, string> =>
  indexKey(byDueTime, PENDING_SCHEDULES, dueSortKey(schedule));

export const scheduleEntity = {
  name: ENTITY,
  key,
  indexKeys,
  item: (schedule: { name: string; dueAt: string }) => ({
    ...envelope(ENTITY, key(schedule.name)),
    ...indexKeys(schedule),
  }),
  /** The attribute and value that order a schedule by due time, for moving it to another time. */
  dueOrder: (schedule: { name: string; dueAt: string }) => ({
    attribute: indexKeyNames(byDueTime).sortKey,
    value: dueSortKey(schedule),
  }),
  queries: {
    /** Earliest first. */
    dueBy: (): QuerySpec => ({ index: byDueTime, pk: PENDING_SCHEDULES, descending: false }),
  },
};
