import type { Page } from '#platform/ports.js';
import type { ReportFilters, ReportRange } from '../query.js';
import type { CsatItem } from '../schemas.js';
import type { ReportDeps } from './overview.js';

/**
 * GET /reports/csat: ratings with their comments, newest first, a page at a time (one Query a
 * page; the filters apply within the page, so a filtered page may hold fewer than `limit`).
 */
export const readCsat = async (
  deps: ReportDeps,
  range: ReportRange,
  filters: ReportFilters,
  page: { limit: number; cursor?: string | undefined },
): Promise<Page<CsatItem>> => {
  const result = await deps.store.csat({
    from: new Date(range.startMs).toISOString(),
    to: new Date(range.endMs).toISOString(),
    limit: page.limit,
    cursor: page.cursor,
  });
  const items = result.items
    .filter(
      (item) =>
        (filters.orgId === undefined || item.orgId === filters.orgId) &&
        (filters.queue === undefined || item.queue === filters.queue) &&
        (filters.priority === undefined || item.priority === filters.priority) &&
        (filters.category === undefined || item.category === filters.category) &&
        (filters.agent === undefined || item.agentId === filters.agent),
    )
    .map((item) => ({
      ticketId: item.ticketId,
      reference: item.reference,
      rating: item.rating,
      comment: item.comment,
      createdAt: item.createdAt,
      agent: item.agentId ? { id: item.agentId, name: item.agentName ?? item.agentId } : null,
    }));
  return { items, nextCursor: result.nextCursor };
};
