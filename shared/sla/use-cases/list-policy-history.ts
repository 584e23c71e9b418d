import type { PolicyChangeRecord, PolicyHistory } from '../ports.js';

export const MAX_HISTORY_PAGE = 50;

/**
 * The saved versions of the policy list, newest first: who saved it, when, whom it applied to,
 * the list before and after. `before` pages back: versions older than it.
 */
export const listPolicyHistory = async (
  history: PolicyHistory,
  query: { limit?: number; before?: number },
): Promise<{ items: PolicyChangeRecord[]; nextBefore: number | null }> => {
  const limit = Math.min(query.limit ?? 20, MAX_HISTORY_PAGE);
  const items = await history.history(limit, query.before);
  const last = items.at(-1);
  return { items, nextBefore: items.length === limit && last && last.version > 1 ? last.version : null };
};
