import { envelope, type IndexName, indexKey, joinKey, type Key, type QuerySpec } from './key.js';

/**
 * An organisation: `ORG#<id>` / `ORG`. Its partition value also keys its tickets on gsi1.
 * Every organisation is listed on gsi5 under `ORGANISATIONS` (sorted by id), and each e-mail
 * domain it claims is a `DOMAIN#<domain>` / `DOMAIN` item naming it, written in the same
 * transaction as the organisation, so no domain belongs to two organisations.
 */
const ORGANISATION = 'ORG';
const ORGANISATIONS = 'ORGANISATIONS';
const DOMAIN = 'DOMAIN';

const listed = 'gsi5' satisfies IndexName;

export const organisationPartition = (orgId: string): string => joinKey(ORGANISATION, orgId);

const key = (orgId: string): Key => ({ pk: organisationPartition(orgId), sk: ORGANISATION });

const ENTITY = 'organisation';

export const organisationEntity = {
  name: ENTITY,
  key,
  item: (orgId: string) => ({ ...envelope(ENTITY, key(orgId)), ...indexKey(listed, ORGANISATIONS, orgId) }),
  queries: {
    /** Every organisation, by id (bounded by the caller's Limit). */
    all: (): QuerySpec => ({ index: listed, pk: ORGANISATIONS, descending: false }),
  },
  /** The key of the organisation in that list: where the next page starts after it. */
  listedKey: (orgId: string) => ({ ...key(orgId), ...indexKey(listed, ORGANISATIONS, orgId) }),
};

const domainKey = (domain: string): Key => ({ pk: joinKey(DOMAIN, domain.toLowerCase()), sk: DOMAIN });
const DOMAIN_ENTITY = 'domain-claim';

export const domainClaimEntity = {
  name: DOMAIN_ENTITY,
  key: domainKey,
  item: (domain: string) => envelope(DOMAIN_ENTITY, domainKey(domain)),
};
