import { envelope, type IndexName, indexKey, joinKey, type Key, type QuerySpec } from './key.js';

/**
 * A user: `USER#<id>` / `USER`, found by e-mail on gsi4 (`EMAIL#<lower-case e-mail>`) and
 * listed by role on gsi5 (`ROLE#<role>`, sorted by e-mail).
 */
const USER = 'USER';
const EMAIL = 'EMAIL';
const ROLE = 'ROLE';
const ENTITY = 'user';

const byEmail = 'gsi4' satisfies IndexName;
const byRole = 'gsi5' satisfies IndexName;

const emailPartition = (email: string) => joinKey(EMAIL, email.toLowerCase());
const rolePartition = (role: string) => joinKey(ROLE, role);

const key = (userId: string): Key => ({ pk: joinKey(USER, userId), sk: USER });

/** The GSI attributes a user item carries. */
const indexKeys = (user: { id: string; email: string; role: string }): Record<string, string> => ({
  ...indexKey(byEmail, emailPartition(user.email), USER),
  ...indexKey(byRole, rolePartition(user.role), joinKey(user.email.toLowerCase(), user.id)),
});

export const userEntity = {
  name: ENTITY,
  key,
  indexKeys,
  item: (user: { id: string; email: string; role: string }) => ({
    ...envelope(ENTITY, key(user.id)),
    ...indexKeys(user),
  }),
  queries: {
    byEmail: (email: string): QuerySpec => ({ index: byEmail, pk: emailPartition(email) }),
    withRole: (role: string): QuerySpec => ({ index: byRole, pk: rolePartition(role), descending: false }),
  },
};
