import { randomBytes } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { S3Bucket } from '#platform/adapters/s3-bucket.js';
import { ITEM_ABSENT } from '#platform/table/key.js';
import { keyCondition } from '#platform/table/query.js';
import { searchSegmentEntity } from '#platform/table/search-segment.js';
import { SegmentIndex } from '../engine.js';
import type { IndexName, SegmentAddress, SegmentHead, SegmentRange, SegmentStore } from '../ports.js';

/** Where segment objects live in the bucket. */
export const SEGMENT_PREFIX = 'search/';

/** Segments kept parsed per container: beyond this many, the least recently used is dropped. */
const CACHED_SEGMENTS = 400;

const toHead = (item: Record<string, unknown>): SegmentHead => ({
  index: item.index as IndexName,
  scope: item.scope as string,
  segment: item.segment as string,
  version: item.version as number,
  objectKey: item.objectKey as string,
  documents: item.documents as number,
  updatedAt: item.updatedAt as string,
});

/**
 * Segment heads in the table, segment objects (gzipped JSON of the segment format, engine.ts) in the bucket: S3 in
 * the cloud, the local S3 server under `npm start`. Parsed segments are cached by object key.
 */
export class TableBucketSegmentStore implements SegmentStore {
  private readonly s3: S3Bucket;
  private readonly cache = new Map<string, Promise<SegmentIndex>>();

  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
    bucket: string,
    options: { endpoint?: string | null } = {},
  ) {
    this.s3 = new S3Bucket({ bucket, endpoint: options.endpoint ?? null });
  }

  async segments(index: IndexName, scope?: string, range?: SegmentRange): Promise<SegmentIndex[]> {
    for (let attempt = 1; ; attempt++) {
      const heads = await this.heads(index, scope, range);
      try {
        return await Promise.all(heads.map((head) => this.load(head)));
      } catch (error) {
        // A writer replaced a segment between the Query and the read: its head moved on.
        if (!isSegmentMissing(error) || attempt >= 3) throw error;
      }
    }
  }

  private async heads(index: IndexName, scope?: string, range?: SegmentRange): Promise<SegmentHead[]> {
    const result = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        ...keyCondition(
          scope !== undefined && range
            ? searchSegmentEntity.queries.ofScopeBetween(index, scope, range.from, range.to)
            : searchSegmentEntity.queries.ofIndex(index, scope),
        ),
      }),
    );
    return (result.Items ?? []).map(toHead);
  }

  async head(address: SegmentAddress): Promise<SegmentHead | null> {
    const result = await this.db.send(
      new GetCommand({
        TableName: this.tableName,
        Key: searchSegmentEntity.key(address.index, address.scope, address.segment),
        ConsistentRead: true,
      }),
    );
    return result.Item ? toHead(result.Item) : null;
  }

  private load(head: SegmentHead): Promise<SegmentIndex> {
    const cached = this.cache.get(head.objectKey);
    if (cached) {
      this.cache.delete(head.objectKey);
      this.cache.set(head.objectKey, cached);
      return cached;
    }
    const loading = this.read(head.objectKey);
    this.cache.set(head.objectKey, loading);
    loading.catch(() => this.cache.delete(head.objectKey));
    while (this.cache.size > CACHED_SEGMENTS) {
      const oldest = this.cache.keys().next().value;
      if (oldest === undefined) break;
      this.cache.delete(oldest);
    }
    return loading;
  }

  loadForWriting(head: SegmentHead): Promise<SegmentIndex> {
    return this.read(head.objectKey);
  }

  async replace(
    address: SegmentAddress,
    expected: SegmentHead | null,
    segment: SegmentIndex,
    now: Date,
  ): Promise<boolean> {
    await segment.compact();
    const version = (expected?.version ?? 0) + 1;
    const objectKey = `${SEGMENT_PREFIX}${address.index}/${address.scope}/${address.segment}/${version}-${randomBytes(6).toString('hex')}.json.gz`;
    // Stored as a gzip file, not as gzip-encoded JSON: fetch would decode the latter on the way in.
    await this.s3.put(objectKey, gzipSync(segment.toJSON(), { level: 1 }), 'application/gzip');
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            ...searchSegmentEntity.item(address.index, address.scope, address.segment),
            ...address,
            version,
            objectKey,
            documents: segment.documentCount,
            updatedAt: now.toISOString(),
          },
          ...(expected
            ? {
                ConditionExpression: '#version = :expected',
                ExpressionAttributeNames: { '#version': 'version' },
                ExpressionAttributeValues: { ':expected': expected.version },
              }
            : { ConditionExpression: ITEM_ABSENT }),
        }),
      );
    } catch (error) {
      if (
        error instanceof ConditionalCheckFailedException ||
        (error as Error).name === 'ConditionalCheckFailedException'
      ) {
        await this.remove(objectKey);
        return false;
      }
      throw error;
    }
    // Searches that read the old head a moment ago re-read it when its object is gone.
    if (expected) await this.remove(expected.objectKey);
    return true;
  }

  private async read(objectKey: string): Promise<SegmentIndex> {
    const bytes = await this.s3.get(objectKey);
    if (bytes.length === 0) throw new SegmentMissing(objectKey);
    // Gzip's magic number, unless the object was stored gzip-encoded and fetch decoded it.
    const json = bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes) : Buffer.from(bytes);
    return SegmentIndex.fromJSON(json.toString('utf8'));
  }

  private async remove(objectKey: string): Promise<void> {
    await this.s3.delete(objectKey);
  }
}

/** A head named an object that a newer write has replaced meanwhile: read the head again. */
export class SegmentMissing extends Error {
  constructor(objectKey: string) {
    super(`Search segment ${objectKey} is gone`);
  }
}

/** Whether a load failed because the object was replaced (S3's NoSuchKey). */
export const isSegmentMissing = (error: unknown): boolean =>
  error instanceof SegmentMissing || (error as Error)?.name === 'NoSuchKey';
