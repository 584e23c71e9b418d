import { Effect, type IGrantable, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { IConstruct } from 'constructs';
import { routeName, routes } from '#functions/http/routes.js';
import { SEGMENT_PREFIX } from '#search/adapters/segment-store.js';
import type { HelpdeskFunction } from './helpdesk-function.js';
import { acknowledgeWildcardResource } from './nag.js';
import type { SearchCollection } from './search-collection.js';

/** Object actions on the search segments' prefix of the attachments bucket (docs/search.md), nothing else. */
const grantSegments = (grantee: IGrantable & IConstruct, bucket: IBucket, sid: string, actions: string[]) => {
  const objects = bucket.arnForObjects(`${SEGMENT_PREFIX}*`);
  grantee.grantPrincipal.addToPrincipalPolicy(
    new PolicyStatement({ sid, effect: Effect.ALLOW, actions, resources: [objects] }),
  );
  acknowledgeWildcardResource(
    grantee,
    objects,
    'Segment objects get a fresh key per write; the grant is limited to the search prefix of the one bucket.',
  );
};

/**
 * The search routes read segments; the search-index stream consumer writes them and deletes the
 * ones it replaced.
 */
export const grantSearchSegments = (
  api: ReadonlyMap<string, HelpdeskFunction>,
  stream: ReadonlyMap<string, HelpdeskFunction>,
  bucket: IBucket,
): void => {
  for (const route of routes.filter(
    (candidate) => candidate.family === 'api-search' && !candidate.localOnly,
  )) {
    const fn = api.get(routeName(route));
    if (fn) grantSegments(fn.role, bucket, 'ReadSearchSegments', ['s3:GetObject']);
  }
  const consumer = stream.get('search-index');
  if (!consumer) throw new Error('No function for the search-index stream consumer');
  grantSegments(consumer.role, bucket, 'WriteSearchSegments', [
    's3:GetObject',
    's3:PutObject',
    's3:DeleteObject',
  ]);
};

/** The route that searches tickets (`GET /tickets?q=`). */
const LIST_TICKETS_MODULE = 'functions/tickets/list-tickets';

/**
 * With the OpenSearch engine: the search-index consumer writes the tickets' index, the ticket
 * list route reads it; no other function may call the collection (docs/search.md).
 */
export const grantSearchCollection = (
  collection: SearchCollection,
  api: ReadonlyMap<string, HelpdeskFunction>,
  stream: ReadonlyMap<string, HelpdeskFunction>,
  options: { reindexPrincipal?: string | undefined } = {},
): void => {
  const listRoute = routes.find((route) => route.module === LIST_TICKETS_MODULE);
  const list = listRoute ? api.get(routeName(listRoute)) : undefined;
  if (!list) throw new Error('No function for the ticket list route');
  const consumer = stream.get('search-index');
  if (!consumer) throw new Error('No function for the search-index stream consumer');
  collection.grant({
    writers: [consumer.role],
    readers: [list.role],
    reindexPrincipal: options.reindexPrincipal,
  });
};
