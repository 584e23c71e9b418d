import type { SegmentIndex } from './engine.js';

/** The indexes the product keeps: tickets (scoped per organisation) and the knowledge base. */
export type IndexName = 'tickets' | 'kb';

export interface SegmentAddress {
  index: IndexName;
  /** Tickets: the organisation. The knowledge base: `all`. */
  scope: string;
  /** Tickets: the creation month (`2026-11`). The knowledge base: `articles`. */
  segment: string;
}

export interface SegmentHead extends SegmentAddress {
  version: number;
  objectKey: string;
  documents: number;
  updatedAt: string;
}

/**
 * Where segments live: a head per segment in the table (which object is current, at which
 * version) and the serialized segment in the bucket under a key never reused, so a loaded
 * segment is cached per container by its key and never goes stale.
 */
export interface SegmentStore {
  /**
   * The segments of an index, of one scope or all, for searching: one Query for the heads, the
   * objects from the container's cache or the bucket. Shared: never to be changed.
   */
  segments(index: IndexName, scope?: string): Promise<SegmentIndex[]>;
  /** One head, read consistently (writers); null when the segment does not exist yet. */
  head(address: SegmentAddress): Promise<SegmentHead | null>;
  /** The segment a head names as a private copy, for changing. */
  loadForWriting(head: SegmentHead): Promise<SegmentIndex>;
  /**
   * Stores the segment as the one after `expected` (null: the segment is new). False, and
   * nothing changed, when another writer moved the head first.
   */
  replace(
    address: SegmentAddress,
    expected: SegmentHead | null,
    segment: SegmentIndex,
    now: Date,
  ): Promise<boolean>;
}
