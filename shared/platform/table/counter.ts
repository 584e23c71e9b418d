import { joinKey, type Key } from './key.js';

/**
 * An atomic counter: `COUNTER#<name>` / `COUNTER`, created by its first `ADD`, so it carries
 * no entity attribute.
 */
const COUNTER = 'COUNTER';

export const counterEntity = {
  key: (name: string): Key => ({ pk: joinKey(COUNTER, name), sk: COUNTER }),
};
