import { envelope, type IndexName, indexKey, joinKey, type Key, type QuerySpec } from './key.js';

/**
 * Report aggregates (docs/reports.md), kept by the reports stream consumer:
 * - cells: counters and histograms per period and dimensions, one partition per level and
 *   span: hours `REPORT#H#<yyyy-mm>`, days `REPORT#D#<yyyy>`, months `REPORT#M`, each sorted
 *   `<period>#<dimensions>`, so a range of periods is one Query per partition; the same with
 *   every dimension summed (`REPORT#HT#…`, `REPORT#DT#…`, `REPORT#MT`: one cell per period),
 *   which an unfiltered report reads;
 * - per ticket (`REPORT#TICKET#<id>`): its fact (`FACT`, on gsi6 as `REPORT#FACTS#<yyyy-mm>`
 *   sorted `<createdAt>#<id>` for the tickets export) and the markers of the changes already
 *   counted (`SEEN#<changeId>`, expiring after a few days, when no stream retry can repeat it);
 * - ratings with their comments `REPORT#CSAT#<yyyy>` sorted `<createdAt>#<ticketId>`;
 * - topic counts per day `REPORT#TOPICS#<yyyy>` sorted `<yyyy-mm-dd>#<kind>#<topic>`.
 */
const REPORT = 'REPORT';
const CELL_ENTITY = 'report-cell';
const FACT_ENTITY = 'report-fact';
const SEEN_ENTITY = 'report-seen';
const CSAT_ENTITY = 'report-csat';
const TOPIC_ENTITY = 'report-topic';

export type CellLevel = 'hour' | 'day' | 'month';

/** Totals (every dimension summed: `…T` partitions) beside the cells per dimensions. */
const cellPartition = (level: CellLevel, period: string, total = false): string => {
  const suffix = total ? 'T' : '';
  return level === 'hour'
    ? joinKey(REPORT, `H${suffix}`, period.slice(0, 7))
    : level === 'day'
      ? joinKey(REPORT, `D${suffix}`, period.slice(0, 4))
      : joinKey(REPORT, `M${suffix}`);
};

const cellKey = (level: CellLevel, period: string, dimensions: string, total = false): Key => ({
  pk: cellPartition(level, period, total),
  sk: joinKey(period, dimensions),
});

/** A sort-key range covering every cell of the periods `from`…`to` (inclusive). */
const periodRange = (from: string, to: string) => ({ from: `${from}#`, to: `${to}#\uffff` });

const ticketPartition = (ticketId: string) => joinKey(REPORT, 'TICKET', ticketId);
const byCreation = 'gsi6' satisfies IndexName;
const factsPartition = (month: string) => joinKey(REPORT, 'FACTS', month);

export const reportCellEntity = {
  name: CELL_ENTITY,
  key: cellKey,
  item: (level: CellLevel, period: string, dimensions: string, total = false) =>
    envelope(CELL_ENTITY, cellKey(level, period, dimensions, total)),
  partition: cellPartition,
  periodRange,
  /** The period and dimensions part of a cell's sort key. */
  partsOf: (sk: string): { period: string; dimensions: string } => {
    const at = sk.indexOf('#');
    return { period: sk.slice(0, at), dimensions: sk.slice(at + 1) };
  },
};

export const reportFactEntity = {
  name: FACT_ENTITY,
  key: (ticketId: string): Key => ({ pk: ticketPartition(ticketId), sk: 'FACT' }),
  item: (ticketId: string, createdAt: string) => ({
    ...envelope(FACT_ENTITY, { pk: ticketPartition(ticketId), sk: 'FACT' }),
    ...indexKey(byCreation, factsPartition(createdAt.slice(0, 7)), joinKey(createdAt, ticketId)),
  }),
  queries: {
    /** The facts of the tickets created in one month (`yyyy-mm`), oldest first. */
    createdIn: (month: string): QuerySpec & { index: IndexName } => ({
      index: byCreation,
      pk: factsPartition(month),
    }),
  },
};

export const reportSeenEntity = {
  name: SEEN_ENTITY,
  key: (ticketId: string, changeId: string): Key => ({
    pk: ticketPartition(ticketId),
    sk: joinKey('SEEN', changeId),
  }),
  item: (ticketId: string, changeId: string) =>
    envelope(SEEN_ENTITY, { pk: ticketPartition(ticketId), sk: joinKey('SEEN', changeId) }),
};

const csatPartition = (year: string) => joinKey(REPORT, 'CSAT', year);

export const reportCsatEntity = {
  name: CSAT_ENTITY,
  key: (createdAt: string, ticketId: string): Key => ({
    pk: csatPartition(createdAt.slice(0, 4)),
    sk: joinKey(createdAt, ticketId),
  }),
  item: (createdAt: string, ticketId: string) =>
    envelope(CSAT_ENTITY, { pk: csatPartition(createdAt.slice(0, 4)), sk: joinKey(createdAt, ticketId) }),
  partition: csatPartition,
};

const topicPartition = (year: string) => joinKey(REPORT, 'TOPICS', year);

export const reportTopicEntity = {
  name: TOPIC_ENTITY,
  key: (day: string, kind: string, topic: string): Key => ({
    pk: topicPartition(day.slice(0, 4)),
    sk: joinKey(day, kind, topic),
  }),
  item: (day: string, kind: string, topic: string) =>
    envelope(TOPIC_ENTITY, { pk: topicPartition(day.slice(0, 4)), sk: joinKey(day, kind, topic) }),
  partition: topicPartition,
};
