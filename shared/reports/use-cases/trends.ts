import type { TopicCount } from '../ports.js';
import type { Trend, TrendsReport } from '../schemas.js';
import { riseScore, TREND_MIN_RECENT, TREND_MIN_SCORE } from '../topics.js';
import type { ReportDeps } from './overview.js';

const DAY_MS = 86_400_000;
const dayBefore = (day: string, days: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) - days * DAY_MS).toISOString().slice(0, 10);

const MAX_EXAMPLES = 3;

/**
 * GET /reports/trends: topics whose count in the recent window rose significantly against
 * the baseline window before it (docs/reports.md: the G-test score of topics.ts). Topic counts
 * are kept per UTC day of creation: one or two Queries.
 */
export const readTrends = async (
  deps: ReportDeps,
  query: { to: string; recentDays: number; baselineDays: number; limit: number },
): Promise<TrendsReport> => {
  const recentFrom = dayBefore(query.to, query.recentDays - 1);
  const baselineTo = dayBefore(recentFrom, 1);
  const baselineFrom = dayBefore(recentFrom, query.baselineDays);
  const counts = await deps.store.topics(baselineFrom, query.to);
  const topics = new Map<
    string,
    {
      kind: TopicCount['kind'];
      label: string;
      recent: number;
      baseline: number;
      examples: { day: string; ref: string }[];
    }
  >();
  for (const count of counts) {
    const key = `${count.kind}#${count.topic}`;
    const entry = topics.get(key) ?? {
      kind: count.kind,
      label: count.label,
      recent: 0,
      baseline: 0,
      examples: [],
    };
    if (count.day >= recentFrom) {
      entry.recent += count.count;
      entry.label = count.label || entry.label;
      if (count.example) entry.examples.push({ day: count.day, ref: count.example });
    } else entry.baseline += count.count;
    topics.set(key, entry);
  }
  const items: Trend[] = [];
  for (const entry of topics.values()) {
    if (entry.recent < TREND_MIN_RECENT) continue;
    const score = riseScore(entry.recent, entry.baseline, query.recentDays, query.baselineDays);
    if (score < TREND_MIN_SCORE) continue;
    items.push({
      topic: entry.label,
      kind: entry.kind,
      recent: entry.recent,
      baseline: entry.baseline,
      ratio: entry.baseline
        ? Math.round((entry.recent / query.recentDays / (entry.baseline / query.baselineDays)) * 100) / 100
        : null,
      score: Math.round(score * 100) / 100,
      examples: [
        ...new Set(entry.examples.sort((a, b) => b.day.localeCompare(a.day)).map((e) => e.ref)),
      ].slice(0, MAX_EXAMPLES),
    });
  }
  items.sort((a, b) => b.score - a.score || b.recent - a.recent);
  return {
    recent: { from: recentFrom, to: query.to },
    baseline: { from: baselineFrom, to: baselineTo },
    items: items.slice(0, query.limit),
  };
};
