import type { PageCursors } from '#platform/cursor.js';
import type { Page } from '#platform/ports.js';
import type { TicketFilters, TicketSearch, TicketSearchSpec } from '#tickets/ports.js';
import type { SegmentIndex } from '../engine.js';
import type { SegmentStore } from '../ports.js';
import { fold, queryWords } from '../text.js';
import { priorityRank, type TicketAttributes } from '../ticket-documents.js';

/** A search reads at most this many matches; past them the list ends (docs/search.md). */
export const MAX_MATCHES = 1000;

/** `HD-2026-000042` and the like, after folding: looked up as a whole reference first. */
const REFERENCE = /^[a-z]{1,10}-\d{4}-\d{1,12}$/;

interface Match {
  id: string;
  score: number;
  attributes: TicketAttributes;
}

const passes = (attributes: TicketAttributes, filters: TicketFilters, orgId: string | undefined): boolean =>
  (orgId === undefined || attributes.orgId === orgId) &&
  (filters.status === undefined || attributes.status === filters.status) &&
  (filters.queue === undefined || attributes.queue === filters.queue) &&
  (filters.assigneeId === undefined || attributes.assigneeId === filters.assigneeId) &&
  (filters.requesterId === undefined || attributes.requesterId === filters.requesterId) &&
  (filters.priority === undefined || attributes.priority === filters.priority) &&
  (filters.category === undefined || attributes.category === filters.category) &&
  (filters.tag === undefined || attributes.tags.includes(filters.tag));

const sortKeys: Record<string, (attributes: TicketAttributes) => string | number | null> = {
  createdAt: (attributes) => attributes.createdAt,
  updatedAt: (attributes) => attributes.updatedAt,
  priority: (attributes) => priorityRank(attributes.priority),
  nextDueAt: (attributes) => attributes.nextDueAt,
};

/** The best `count` matches by score: a numeric sort finds the cut, only those above it are ordered. */
const best = (matches: Match[], count: number): Match[] => {
  if (matches.length <= count) return matches;
  const scores = Float64Array.from(matches, (match) => match.score).sort();
  const cut = scores[scores.length - count] ?? 0;
  return matches.filter((match) => match.score >= cut);
};

/** Relevance (ties: newest first), or the order `sort` names over every match; no value sorts last. */
const order = (matches: Match[], sort: string | undefined): Match[] => {
  if (!sort) {
    return best(matches, MAX_MATCHES).sort(
      (a, b) => b.score - a.score || (a.attributes.createdAt < b.attributes.createdAt ? 1 : -1),
    );
  }
  const descending = sort.startsWith('-');
  const keyOf = sortKeys[descending ? sort.slice(1) : sort] ?? sortKeys.createdAt;
  if (!keyOf) return matches;
  return matches
    .map((match) => ({ match, key: keyOf(match.attributes) }))
    .sort((a, b) => {
      if (a.key === b.key) return b.match.score - a.match.score;
      if (a.key === null) return 1;
      if (b.key === null) return -1;
      return (a.key < b.key ? -1 : 1) * (descending ? -1 : 1);
    })
    .map(({ match }) => match);
};

/**
 * Ticket search over the segments (docs/search.md): a client's search reads its organisation's
 * segments only, staff and integrations every organisation's. Pages are offsets into the
 * ordered matches, sealed in the cursor with the query they belong to.
 */
export class SegmentTicketSearch implements TicketSearch {
  constructor(
    private readonly segments: SegmentStore,
    private readonly cursors: PageCursors,
  ) {}

  async search(spec: TicketSearchSpec): Promise<Page<string>> {
    const fingerprint = JSON.stringify([
      'ticket-search',
      spec.text,
      spec.orgId ?? null,
      spec.includeInternal,
      spec.filters,
      spec.sort ?? null,
    ]);
    const offset = Number(this.cursors.decode(spec.cursor, fingerprint)?.offset ?? 0);
    const segments = await this.segments.segments('tickets', spec.orgId);
    const matches = order(
      this.matches(segments, spec).filter((match) => passes(match.attributes, spec.filters, spec.orgId)),
      spec.sort,
    ).slice(0, MAX_MATCHES);
    const end = offset + spec.limit;
    return {
      items: matches.slice(offset, end).map((match) => match.id),
      nextCursor: end < matches.length ? this.cursors.encode({ offset: end }, fingerprint) : null,
    };
  }

  private matches(segments: SegmentIndex[], spec: TicketSearchSpec): Match[] {
    const matches: Match[] = [];
    const collect = (segment: SegmentIndex, id: string, score: number) => {
      const attributes = segment.attributesOf(id) as TicketAttributes | undefined;
      // Messages whose ticket document is not indexed yet wait for it.
      if (attributes) matches.push({ id, score, attributes });
    };
    const reference = fold(spec.text.trim());
    if (REFERENCE.test(reference)) {
      for (const segment of segments)
        for (const id of segment.groupsWithKey(reference)) collect(segment, id, 1);
      if (matches.length) return matches;
    }
    const words = queryWords(spec.text);
    if (!words.length) return matches;
    for (const segment of segments) {
      for (const [id, score] of segment.search({ words, includeRestricted: spec.includeInternal }))
        collect(segment, id, score);
    }
    return matches;
  }
}
