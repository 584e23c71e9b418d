import { CONFIGURATION_PARTITION } from './configuration-partition.js';
import { envelope, joinKey, type Key, prefixOf, type QuerySpec, SORT_KEY } from './key.js';

/**
 * The SLA configuration: `CONFIG` / `SLA_POLICIES` holds the ordered policies and their
 * version, `CONFIG` / `SLA_CALENDAR#<id>` each calendar (their sort keys share `SLA_`, so one
 * Query reads both), and every saved version of the policies leaves an audit record
 * `AUDIT#SLA_POLICIES` / `VERSION#<000042>`: who changed what, when.
 */
const SLA = 'SLA_';
const POLICIES = `${SLA}POLICIES`;
const CALENDAR = `${SLA}CALENDAR`;
const AUDIT = 'AUDIT';
const VERSION = 'VERSION';

const POLICIES_ENTITY = 'sla-policies';
const CALENDAR_ENTITY = 'sla-calendar';
const POLICY_CHANGE_ENTITY = 'sla-policy-change';
const REAPPLY_JOB_ENTITY = 'sla-reapply-job';
const JOB = 'JOB';

const policiesKey = (): Key => ({ pk: CONFIGURATION_PARTITION, sk: POLICIES });
const calendarKey = (calendarId: string): Key => ({
  pk: CONFIGURATION_PARTITION,
  sk: joinKey(CALENDAR, calendarId),
});
const policyChangesPartition = joinKey(AUDIT, POLICIES);
const policyChangeKey = (version: number): Key => ({
  pk: policyChangesPartition,
  sk: joinKey(VERSION, String(version).padStart(6, '0')),
});

const CALENDAR_CHANGE_ENTITY = 'sla-calendar-change';
const calendarChangeKey = (calendarId: string, version: number): Key => ({
  pk: joinKey(AUDIT, CALENDAR, calendarId),
  sk: joinKey(VERSION, String(version).padStart(6, '0')),
});

/** Every saved version of a calendar: `AUDIT#SLA_CALENDAR#<id>` / `VERSION#<000042>`, who, when, before → after. */
export const slaCalendarChangeEntity = {
  name: CALENDAR_CHANGE_ENTITY,
  key: calendarChangeKey,
  item: (calendarId: string, version: number) =>
    envelope(CALENDAR_CHANGE_ENTITY, calendarChangeKey(calendarId, version)),
};

const reapplyJobKey = (version: number): Key => ({
  pk: joinKey(JOB, 'SLA_REAPPLY'),
  sk: joinKey(VERSION, String(version).padStart(6, '0')),
});

export const slaPoliciesEntity = {
  name: POLICIES_ENTITY,
  key: policiesKey,
  item: () => envelope(POLICIES_ENTITY, policiesKey()),
  is: (item: Record<string, unknown>) => item[SORT_KEY] === POLICIES,
};

export const slaCalendarEntity = {
  name: CALENDAR_ENTITY,
  key: calendarKey,
  item: (calendarId: string) => envelope(CALENDAR_ENTITY, calendarKey(calendarId)),
  is: (item: Record<string, unknown>) => String(item[SORT_KEY]).startsWith(prefixOf(CALENDAR)),
};

export const slaPolicyChangeEntity = {
  name: POLICY_CHANGE_ENTITY,
  key: policyChangeKey,
  item: (version: number) => envelope(POLICY_CHANGE_ENTITY, policyChangeKey(version)),
};

/** The re-application of policy version N to the open tickets: one item, rewritten at every step (docs/sla.md). */
export const slaReapplyJobEntity = {
  name: REAPPLY_JOB_ENTITY,
  key: reapplyJobKey,
  item: (version: number) => envelope(REAPPLY_JOB_ENTITY, reapplyJobKey(version)),
};

export const slaConfigQueries = {
  calendars: (): QuerySpec => ({
    pk: CONFIGURATION_PARTITION,
    skPrefix: prefixOf(CALENDAR),
    descending: false,
  }),
  /** The SLA policies and every calendar in one Query (their sort keys share the prefix). */
  configuration: (): QuerySpec => ({ pk: CONFIGURATION_PARTITION, skPrefix: SLA, descending: false }),
  /** Newest version first. */
  policyChanges: (): QuerySpec => ({ pk: policyChangesPartition, skPrefix: prefixOf(VERSION) }),
};
