import { stringify } from 'csv-stringify';
import type { ReportFilters, ReportRange } from '../query.js';
import type { ReportFact } from '../ticket-fact.js';
import { readAgents } from './agents.js';
import { readCsat } from './csat.js';
import { type ReportDeps, readOverview } from './overview.js';

/** Rows of the `tickets` and `csat` exports at most: a Lambda response holds 6 MB. */
export const MAX_EXPORT_ROWS = 20_000;

export type ExportReport = 'overview' | 'agents' | 'csat' | 'tickets';

type Row = (string | number | null)[];

const cell = (value: number | null | undefined): number | string =>
  value === null || value === undefined ? '' : value;

async function* overviewRows(
  deps: ReportDeps,
  range: ReportRange,
  filters: ReportFilters,
): AsyncGenerator<Row> {
  const overview = await readOverview(deps, range, filters);
  yield [
    'start',
    'created',
    'resolved',
    'closed',
    'firstResponseP50',
    'firstResponseP90',
    'slaCompliance',
    'backlog',
    'csatAverage',
  ];
  for (const point of overview.series) {
    yield [
      point.start,
      point.created,
      point.resolved,
      point.closed,
      cell(point.firstResponseP50),
      cell(point.firstResponseP90),
      cell(point.slaCompliance),
      point.backlog,
      cell(point.csatAverage),
    ];
  }
}

async function* agentRows(deps: ReportDeps, range: ReportRange, filters: ReportFilters): AsyncGenerator<Row> {
  yield [
    'agentId',
    'agent',
    'assigned',
    'resolved',
    'firstResponseP50',
    'resolutionP50',
    'slaCompliance',
    'csatAverage',
    'csatResponses',
    'reopenedRate',
    'rank',
    'flag',
  ];
  for (const row of await readAgents(deps, range, filters, 10)) {
    yield [
      row.agent.id,
      row.agent.name,
      row.assigned,
      row.resolved,
      cell(row.firstResponseP50),
      cell(row.resolutionP50),
      cell(row.slaCompliance),
      cell(row.csatAverage),
      row.csatResponses,
      cell(row.reopenedRate),
      cell(row.rank),
      row.flag ?? '',
    ];
  }
}

async function* csatRows(deps: ReportDeps, range: ReportRange, filters: ReportFilters): AsyncGenerator<Row> {
  yield ['createdAt', 'reference', 'rating', 'comment', 'agentId', 'agent'];
  let cursor: string | undefined;
  let rows = 0;
  do {
    const page = await readCsat(deps, range, filters, { limit: 100, cursor });
    for (const item of page.items) {
      if (rows++ >= MAX_EXPORT_ROWS) return;
      yield [
        item.createdAt,
        item.reference,
        item.rating,
        item.comment ?? '',
        item.agent?.id ?? '',
        item.agent?.name ?? '',
      ];
    }
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
}

const months = (range: ReportRange): string[] => {
  const list: string[] = [];
  const start = new Date(range.startMs);
  for (let at = Date.UTC(start.getUTCFullYear(), start.getUTCMonth(), 1); at < range.endMs; ) {
    const date = new Date(at);
    list.push(date.toISOString().slice(0, 7));
    at = Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1);
  }
  return list;
};

const passesFact = (filters: ReportFilters, fact: ReportFact) =>
  (filters.orgId === undefined || fact.orgId === filters.orgId) &&
  (filters.queue === undefined || fact.queue === filters.queue) &&
  (filters.priority === undefined || fact.priority === filters.priority) &&
  (filters.category === undefined || fact.category === filters.category) &&
  (filters.agent === undefined || fact.agentId === filters.agent);

async function* ticketRows(
  deps: ReportDeps,
  range: ReportRange,
  filters: ReportFilters,
): AsyncGenerator<Row> {
  yield [
    'reference',
    'subject',
    'createdAt',
    'firstRespondedAt',
    'firstResolvedAt',
    'closedAt',
    'status',
    'priority',
    'category',
    'queue',
    'orgId',
    'assignee',
    'firstResponseSeconds',
    'firstResponseBusinessSeconds',
    'resolutionSeconds',
    'resolutionBusinessSeconds',
    'slaTimeToOpen',
    'slaTimeToResolve',
    'slaTotalServiceTime',
    'reopened',
    'csat',
  ];
  const from = new Date(range.startMs).toISOString();
  const to = new Date(range.endMs).toISOString();
  const query = (month: string) => ({ month, from, to });
  // Each month's first page is asked for at once (at most 13 for 366 days), so the months'
  // round trips overlap; rows still go out in order, month by month.
  const first = months(range).map((month) => {
    const page = deps.store.facts(query(month));
    // Awaited in turn below; a failure before its turn must not go unhandled meanwhile.
    page.catch(() => undefined);
    return { month, page };
  });
  let rows = 0;
  for (const { month, page: firstPage } of first) {
    let page = await firstPage;
    for (;;) {
      for (const fact of page.items) {
        if (fact.createdAt < from || fact.createdAt >= to || !passesFact(filters, fact)) continue;
        if (rows++ >= MAX_EXPORT_ROWS) return;
        yield ticketRow(fact);
      }
      if (!page.next) break;
      page = await deps.store.facts(query(month), page.next);
    }
  }
}

const ticketRow = (fact: ReportFact): Row => [
  fact.reference,
  fact.subject,
  fact.createdAt,
  fact.firstRespondedAt ?? '',
  fact.firstResolvedAt ?? '',
  fact.closedAt ?? '',
  fact.status,
  fact.priority,
  fact.category ?? '',
  fact.queue,
  fact.orgId,
  fact.agentName ?? '',
  cell(fact.firstResponseSeconds),
  cell(fact.firstResponseBusinessSeconds),
  cell(fact.resolutionSeconds),
  cell(fact.resolutionBusinessSeconds),
  fact.sla.timeToOpen,
  fact.sla.timeToResolve,
  fact.sla.totalServiceTime,
  fact.reopened,
  cell(fact.csat),
];

const producers = { overview: overviewRows, agents: agentRows, csat: csatRows, tickets: ticketRows };

/**
 * GET /reports/export.csv: RFC 4180 (CRLF, quotes doubled, fields with commas, quotes or line
 * breaks quoted), UTF-8 with a byte-order mark so spreadsheet apps read it as UTF-8, a header
 * row. Rows go through csv-stringify's stream as each page is read; API Gateway then sends the
 * whole body (it does not stream Lambda responses), hence the row cap.
 */
export const exportCsv = async (
  deps: ReportDeps,
  report: ExportReport,
  range: ReportRange,
  filters: ReportFilters,
): Promise<string> => {
  const stringifier = stringify({ bom: true, record_delimiter: 'windows' });
  const chunks: string[] = [];
  stringifier.on('data', (chunk: Buffer | string) => chunks.push(chunk.toString()));
  const done = new Promise<void>((resolve, reject) => {
    stringifier.on('end', resolve);
    stringifier.on('error', reject);
  });
  for await (const row of producers[report](deps, range, filters)) {
    if (!stringifier.write(row)) await new Promise((resolve) => stringifier.once('drain', resolve));
  }
  stringifier.end();
  await done;
  return chunks.join('');
};

export const exportFileName = (report: ExportReport, range: ReportRange) =>
  `${report}-${range.from}-${range.to}.csv`;
