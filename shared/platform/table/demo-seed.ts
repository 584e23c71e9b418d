import { CONFIGURATION_PARTITION } from './configuration-partition.js';
import { envelope, joinKey, type Key } from './key.js';

/**
 * The marker of the local demo data (`CONFIG` / `SEED#demo-v1`): written with a condition, it
 * decides whether a start seeds. A new version of the demo data takes a new marker.
 */
const SEED = 'SEED';
const DEMO_DATA_VERSION = 'demo-v1';
const ENTITY = 'seed';

const key = (): Key => ({ pk: CONFIGURATION_PARTITION, sk: joinKey(SEED, DEMO_DATA_VERSION) });

export const demoSeedEntity = {
  name: ENTITY,
  key,
  item: () => envelope(ENTITY, key()),
};
