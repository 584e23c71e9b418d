import { CONFIGURATION_PARTITION } from './configuration-partition.js';
import { envelope, joinKey, type Key } from './key.js';

/**
 * The markers of the local demo data (`CONFIG` / `SEED#demo-v1`, `SEED#demo-tickets-v1` for the
 * demo tickets): written with a condition, each decides whether a start seeds that part. A new
 * version of the demo data takes a new marker.
 */
const SEED = 'SEED';
const DEMO_DATA_VERSION = 'demo-v1';
const ENTITY = 'seed';

export const DEMO_TICKETS_VERSION = 'demo-tickets-v1';
/** The demo history for Reports (local/demo-history.ts). */
export const DEMO_HISTORY_VERSION = 'demo-history-v1';

const key = (version = DEMO_DATA_VERSION): Key => ({
  pk: CONFIGURATION_PARTITION,
  sk: joinKey(SEED, version),
});

export const demoSeedEntity = {
  name: ENTITY,
  key,
  item: (version = DEMO_DATA_VERSION) => envelope(ENTITY, key(version)),
};
