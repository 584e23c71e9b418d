import type { PageCursors } from '#platform/cursor.js';
import type { Clock } from '#platform/ports.js';
import type { TicketSearch, TicketSearchPage, TicketSearchSpec } from '#tickets/ports.js';
import type { TicketSearchCluster } from '../opensearch.js';
import { referenceQuery, wordsQuery } from '../opensearch.js';
import { fold, queryWords } from '../text.js';
import { referenceYear, searchPage } from '../window.js';
import { MAX_MATCHES } from './search-tickets.js';

/** `HD-2026-000042` and the like, after folding: looked up as a whole reference first. */
const REFERENCE = /^[a-z]{1,10}-\d{4}-\d{1,12}$/;

/**
 * Ticket search in an OpenSearch Serverless collection (docs/search.md "OpenSearch
 * Serverless"): the same contract as the segments' search (`SegmentTicketSearch`): a reference
 * exactly at any age, else every word in the searched window, by relevance unless `sort`, at
 * most 1,000 matches, pages as offsets sealed in the cursor with the query and the window.
 * Who may see what is part of the query: a client's is filtered to its organisation, and only
 * staff queries read the internal notes' field. One or two requests per page.
 */
export class ClusterTicketSearch implements TicketSearch {
  constructor(
    private readonly cluster: TicketSearchCluster,
    private readonly cursors: PageCursors,
    private readonly clock: Clock,
  ) {}

  async search(spec: TicketSearchSpec): Promise<TicketSearchPage> {
    const { offset, window, next } = searchPage(spec, this.cursors, this.clock.now());
    const reference = fold(spec.text.trim());
    if (offset === 0 && REFERENCE.test(reference)) {
      const found = await this.cluster.searchIds(referenceQuery(spec, reference));
      if (found.length) {
        return {
          items: found,
          nextCursor: null,
          searched: referenceYear(reference.split('-')[1] ?? '').window,
        };
      }
    }
    const words = queryWords(spec.text);
    if (!words.length || offset >= MAX_MATCHES) return { items: [], nextCursor: null, searched: window };
    const size = Math.min(spec.limit, MAX_MATCHES - offset);
    // One more than the page: whether another page follows, without counting every match.
    const ids = await this.cluster.searchIds(
      wordsQuery(spec, words, window, { from: offset, size: size + 1 }),
    );
    const end = offset + size;
    return {
      items: ids.slice(0, size),
      nextCursor: ids.length > size && end < MAX_MATCHES ? next(end) : null,
      searched: window,
    };
  }
}
