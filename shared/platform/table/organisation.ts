import { envelope, joinKey, type Key } from './key.js';

/** An organisation: `ORG#<id>` / `ORG`. Its partition value also keys its tickets on gsi1. */
const ORGANISATION = 'ORG';

export const organisationPartition = (orgId: string): string => joinKey(ORGANISATION, orgId);

const key = (orgId: string): Key => ({ pk: organisationPartition(orgId), sk: ORGANISATION });

const ENTITY = 'organisation';

export const organisationEntity = {
  name: ENTITY,
  key,
  item: (orgId: string) => envelope(ENTITY, key(orgId)),
};
