import type { PageCursors } from '#platform/cursor.js';
import type { Clock } from '#platform/ports.js';
import type {
  SearchWindow,
  TicketFilters,
  TicketSearch,
  TicketSearchPage,
  TicketSearchSpec,
} from '#tickets/ports.js';
import { fieldValueMatches } from '#tickets/ticket-fields.js';
import type { SegmentIndex } from '../engine.js';
import type { SegmentRange, SegmentStore } from '../ports.js';
import { fold, queryWords } from '../text.js';
import { ALL_ORGANISATIONS, priorityRank, type TicketAttributes } from '../ticket-documents.js';
import { referenceYear, searchPage, windowMonths, withinWindow } from '../window.js';

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
  (filters.tag === undefined || attributes.tags.includes(filters.tag)) &&
  // A document indexed before it kept field values passes; the list checks the ticket itself.
  (filters.field === undefined ||
    attributes.fields === undefined ||
    fieldValueMatches(attributes.fields, filters.field));

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
 * segments only; staff and integrations read the segments of every organisation's tickets, one
 * per month. Either way only the months of the searched window (at most 24), so a search reads
 * a bounded number of objects whatever the number of organisations and the age of the desk.
 * A reference is looked up in the months of its year, at any age. Pages are offsets into the
 * ordered matches, sealed in the cursor with the query and the window they belong to.
 */
export class SegmentTicketSearch implements TicketSearch {
  constructor(
    private readonly segments: SegmentStore,
    private readonly cursors: PageCursors,
    private readonly clock: Clock,
  ) {}

  async search(spec: TicketSearchSpec): Promise<TicketSearchPage> {
    const { offset, window, next } = searchPage(spec, this.cursors, this.clock.now());
    const found = await this.matches(spec, window);
    const matches = order(
      found.matches.filter(
        (match) =>
          passes(match.attributes, spec.filters, spec.orgId) &&
          withinWindow(match.attributes.createdAt, found.searched),
      ),
      spec.sort,
    ).slice(0, MAX_MATCHES);
    const end = offset + spec.limit;
    return {
      items: matches.slice(offset, end).map((match) => match.id),
      nextCursor: end < matches.length ? next(end) : null,
      searched: found.searched,
    };
  }

  /** The caller's segments of the months: its organisation's, or every organisation's. */
  private load(spec: TicketSearchSpec, months: SegmentRange): Promise<SegmentIndex[]> {
    return spec.orgId !== undefined
      ? this.segments.segments('tickets', spec.orgId, months)
      : this.segments.segments('tickets-all', ALL_ORGANISATIONS, months);
  }

  private async matches(
    spec: TicketSearchSpec,
    window: SearchWindow,
  ): Promise<{ matches: Match[]; searched: SearchWindow }> {
    const matches: Match[] = [];
    const collect = (segment: SegmentIndex, id: string, score: number) => {
      const attributes = segment.attributesOf(id) as TicketAttributes | undefined;
      // Messages whose ticket document is not indexed yet wait for it.
      if (attributes) matches.push({ id, score, attributes });
    };
    const reference = fold(spec.text.trim());
    if (REFERENCE.test(reference)) {
      const year = referenceYear(reference.split('-')[1] ?? '');
      for (const segment of await this.load(spec, year.months))
        for (const id of segment.groupsWithKey(reference)) collect(segment, id, 1);
      if (matches.length) return { matches, searched: year.window };
    }
    const words = queryWords(spec.text);
    if (!words.length) return { matches, searched: window };
    for (const segment of await this.load(spec, windowMonths(window))) {
      for (const [id, score] of segment.search({ words, includeRestricted: spec.includeInternal }))
        collect(segment, id, score);
    }
    return { matches, searched: window };
  }
}
