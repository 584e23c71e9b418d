import { Conflict } from '#platform/errors.js';
import type { Clock } from '#platform/ports.js';
import { type SearchDocument, SegmentIndex } from '../engine.js';
import type { SegmentAddress, SegmentStore } from '../ports.js';

/** Rounds of read, change, conditional write before giving up (the stream retries the batch). */
const MAX_ROUNDS = 8;

/**
 * Puts documents into a segment and removes others: read the head, change a private copy, write
 * it as the next version; when another writer moved the head meanwhile, start again from its
 * version. Nothing is written when nothing changes (a repeated stream record).
 */
export const updateSegment = async (
  deps: { segments: SegmentStore; clock: Clock },
  address: SegmentAddress,
  documents: readonly SearchDocument[],
  removals: readonly string[] = [],
  /** Groups to take out whole (a ticket moved to another organisation: its own document and its messages'). */
  removedGroups: readonly string[] = [],
): Promise<void> => {
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const head = await deps.segments.head(address);
    const segment = head ? await deps.segments.loadForWriting(head) : SegmentIndex.empty();
    let changed = false;
    const gone = [...removals, ...removedGroups.flatMap((group) => segment.documentsOf(group))];
    for (const id of gone) {
      if (segment.has(id)) {
        segment.remove(id);
        changed = true;
      }
    }
    for (const document of documents) changed = segment.put(document) || changed;
    if (!changed) return;
    if (await deps.segments.replace(address, head, segment, deps.clock.now())) return;
  }
  throw new Conflict(`The search segment ${address.index}/${address.scope}/${address.segment} kept moving`);
};
