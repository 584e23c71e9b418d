import { SegmentIndex } from '#search/engine.js';
import type { IndexName, SegmentAddress, SegmentHead, SegmentRange, SegmentStore } from '#search/ports.js';

/**
 * Segments in memory for use-case tests: serialized on every write and parsed on every read,
 * as the bucket does, with the same head versions (a stale writer loses).
 */
export class MemorySegmentStore implements SegmentStore {
  readonly heads = new Map<string, SegmentHead>();
  readonly objects = new Map<string, string>();
  writes = 0;
  /** Segment objects read for searches (the bucket's GETs in the real store). */
  objectReads = 0;

  private name(address: SegmentAddress) {
    return `${address.index}/${address.scope}/${address.segment}`;
  }

  async segments(index: IndexName, scope?: string, range?: SegmentRange): Promise<SegmentIndex[]> {
    return [...this.heads.values()]
      .filter(
        (head) =>
          head.index === index &&
          (scope === undefined || head.scope === scope) &&
          (range === undefined || (head.segment >= range.from && head.segment <= range.to)),
      )
      .map((head) => {
        this.objectReads++;
        return SegmentIndex.fromJSON(this.objects.get(head.objectKey) ?? '');
      });
  }

  async head(address: SegmentAddress): Promise<SegmentHead | null> {
    return this.heads.get(this.name(address)) ?? null;
  }

  async loadForWriting(head: SegmentHead): Promise<SegmentIndex> {
    return SegmentIndex.fromJSON(this.objects.get(head.objectKey) ?? '');
  }

  async replace(address: SegmentAddress, expected: SegmentHead | null, segment: SegmentIndex, now: Date) {
    const current = this.heads.get(this.name(address)) ?? null;
    if ((current?.version ?? 0) !== (expected?.version ?? 0)) return false;
    await segment.compact();
    const version = (expected?.version ?? 0) + 1;
    const objectKey = `${this.name(address)}/${version}`;
    this.objects.set(objectKey, segment.toJSON());
    if (expected) this.objects.delete(expected.objectKey);
    this.heads.set(this.name(address), {
      ...address,
      version,
      objectKey,
      documents: segment.documentCount,
      updatedAt: now.toISOString(),
    });
    this.writes++;
    return true;
  }
}
