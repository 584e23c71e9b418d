import { envelope, joinKey, type Key } from './key.js';

/**
 * Deflections a client reported (docs/kb.md, docs/reports.md), beside the report cells they are
 * counted in: per client (`DEFLECTION#<userId>`) the markers of the session keys already
 * counted (`SEEN#<sessionKey>`, expiring after a few days) and a counter per day
 * (`DAY#<yyyy-mm-dd>`, expiring too) that bounds how many one client may report.
 */
const DEFLECTION = 'DEFLECTION';
const SEEN_ENTITY = 'kb-deflection-seen';
const DAY_ENTITY = 'kb-deflection-day';

const partition = (userId: string) => joinKey(DEFLECTION, userId);

export const kbDeflectionSeenEntity = {
  name: SEEN_ENTITY,
  key: (userId: string, sessionKey: string): Key => ({
    pk: partition(userId),
    sk: joinKey('SEEN', sessionKey),
  }),
  item: (userId: string, sessionKey: string) =>
    envelope(SEEN_ENTITY, { pk: partition(userId), sk: joinKey('SEEN', sessionKey) }),
};

export const kbDeflectionDayEntity = {
  name: DAY_ENTITY,
  key: (userId: string, day: string): Key => ({ pk: partition(userId), sk: joinKey('DAY', day) }),
};
