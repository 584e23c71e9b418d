import type { SegmentIndex } from './engine.js';

/**
 * The indexes the product keeps: tickets per organisation (clients search theirs), every
 * organisation's tickets in one segment per month (staff and integrations: docs/search.md
 * "Bounded search"), and the knowledge base.
 */
export type IndexName = 'tickets' | 'tickets-all' | 'kb';

/** The segments of a range of months, both ends included (`2026-01` to `2026-12`). */
export interface SegmentRange {
  from: string;
  to: string;
}

export interface SegmentAddress {
  index: IndexName;
  /** Tickets: the organisation. Every organisation's tickets and the knowledge base: `all`. */
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
   * objects from the container's cache or the bucket. With a range, only the scope's segments
   * named within it (ticket searches: the months of the searched window, so a search reads a
   * bounded number of objects). Shared: never to be changed.
   */
  segments(index: IndexName, scope?: string, range?: SegmentRange): Promise<SegmentIndex[]>;
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
