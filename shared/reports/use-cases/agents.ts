import { addValues, type CellValues } from '../cells.js';
import { complianceOf, count, csatOf, durationOf, ratio } from '../figures.js';
import type { ReportFilters, ReportRange } from '../query.js';
import type { AgentRow } from '../schemas.js';
import type { ReportDeps } from './overview.js';
import { readCells } from './read-cells.js';

/**
 * The order of ranked agents (docs/reports.md): resolution SLA compliance first (all clocks when
 * none settled), then CSAT average, then the faster resolution p50, then more resolved.
 */
const better = (a: AgentRow, b: AgentRow): number =>
  (b.slaCompliance ?? -1) - (a.slaCompliance ?? -1) ||
  (b.csatAverage ?? -1) - (a.csatAverage ?? -1) ||
  (a.resolutionP50 ?? Number.MAX_SAFE_INTEGER) - (b.resolutionP50 ?? Number.MAX_SAFE_INTEGER) ||
  b.resolved - a.resolved ||
  a.agent.id.localeCompare(b.agent.id);

/** GET /reports/agents: one row per agent who had a ticket in the range. */
export const readAgents = async (
  deps: ReportDeps,
  range: ReportRange,
  filters: ReportFilters,
  minTickets: number,
): Promise<AgentRow[]> => {
  const { cells } = await readCells(deps.store, range, filters, { perAgent: true });
  const byAgent = new Map<string, { name: string; values: CellValues }>();
  for (const cell of cells) {
    if (!cell.dims.agent) continue;
    const entry = byAgent.get(cell.dims.agent) ?? { name: cell.agentName ?? cell.dims.agent, values: {} };
    if (cell.agentName) entry.name = cell.agentName;
    addValues(entry.values, cell.values);
    byAgent.set(cell.dims.agent, entry);
  }
  const rows: AgentRow[] = [...byAgent.entries()].map(([id, { name, values }]) => {
    const csat = csatOf(values);
    return {
      agent: { id, name },
      assigned: count(values, 'assigned'),
      resolved: count(values, 'resolved'),
      firstResponseP50: durationOf(values, 'frt').p50,
      resolutionP50: durationOf(values, 'res').p50,
      slaCompliance: complianceOf(values),
      csatAverage: csat.average,
      csatResponses: csat.responses,
      reopenedRate: ratio(count(values, 'reopened'), count(values, 'resolved')),
      rank: null,
      flag: null,
    };
  });
  const ranked = rows.filter((row) => row.resolved >= minTickets).sort(better);
  ranked.forEach((row, i) => {
    row.rank = i + 1;
  });
  const [best] = ranked;
  const weakest = ranked.at(-1);
  if (best && weakest && ranked.length >= 2) {
    best.flag = 'best';
    weakest.flag = 'weakest';
  }
  return rows.sort(
    (a, b) =>
      (a.rank ?? Number.MAX_SAFE_INTEGER) - (b.rank ?? Number.MAX_SAFE_INTEGER) ||
      a.agent.name.localeCompare(b.agent.name),
  );
};
