import { envelope, type IndexName, indexKey, joinKey, type Key, type QuerySpec } from './key.js';

/**
 * Report aggregates (docs/reports.md), kept by the reports stream consumer:
 * - cells: counters and histograms per period and dimensions, one partition per level and
 *   span: hours `REPORT#H#<yyyy-mm>`, days `REPORT#D#<yyyy>`, months `REPORT#M`, each sorted
 *   `<period>#<dimensions>`, so a range of periods is one Query per partition; the same with
 *   every dimension summed (`REPORT#HT#…`, `REPORT#DT#…`, `REPORT#MT`: one cell per period),
 *   which an unfiltered report reads; and the roll-ups of days and months: one dimension's
 *   value (`REPORT#DV#<yyyy>`, `REPORT#MV`, sorted `<dimension>#<value>#<period>`) and per agent
 *   (`REPORT#DA#<yyyy>`, `REPORT#MA`, sorted `<period>#<agent>`);
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

/**
 * Which cells (docs/reports.md "Roll-ups"): per dimensions (`detail`), every dimension summed
 * (`total`, `…T` partitions), one dimension's value (`value`, `…V`: days and months only),
 * per agent (`agents`, `…A`: days and months only).
 */
export type CellKind = 'detail' | 'total' | 'value' | 'agents';
const kindSuffix: Record<CellKind, string> = { detail: '', total: 'T', value: 'V', agents: 'A' };

const cellPartition = (level: CellLevel, period: string, kind: CellKind = 'detail'): string => {
  const suffix = kindSuffix[kind];
  return level === 'hour'
    ? joinKey(REPORT, `H${suffix}`, period.slice(0, 7))
    : level === 'day'
      ? joinKey(REPORT, `D${suffix}`, period.slice(0, 4))
      : joinKey(REPORT, `M${suffix}`);
};

/**
 * `part`: the dimensions key (detail), `*` (total), `<dimension>#<value>` (value), the agent
 * (agents). A value roll-up sorts by its value first, so one value's periods are one range; the
 * others sort by period first.
 */
const cellKey = (level: CellLevel, period: string, kind: CellKind, part: string): Key => ({
  pk: cellPartition(level, period, kind),
  sk: kind === 'value' ? joinKey(part, period) : joinKey(period, part),
});

/** A sort-key range covering every cell of the periods `from`…`to` (inclusive). */
const periodRange = (from: string, to: string) => ({ from: `${from}#`, to: `${to}#\uffff` });

/** The sort-key range of one value's cells of the periods `from`…`to` (inclusive). */
const valueRange = (part: string, from: string, to: string) => ({
  from: joinKey(part, from),
  to: joinKey(part, to),
});

const ticketPartition = (ticketId: string) => joinKey(REPORT, 'TICKET', ticketId);
const byCreation = 'gsi6' satisfies IndexName;
const factsPartition = (month: string) => joinKey(REPORT, 'FACTS', month);

export const reportCellEntity = {
  name: CELL_ENTITY,
  key: cellKey,
  item: (level: CellLevel, period: string, kind: CellKind, part: string) =>
    envelope(CELL_ENTITY, cellKey(level, period, kind, part)),
  partition: cellPartition,
  periodRange,
  valueRange,
  /** The period and the rest (`part`) of a cell's sort key. */
  partsOf: (sk: string, kind: CellKind): { period: string; part: string } => {
    if (kind === 'value') {
      const at = sk.lastIndexOf('#');
      return { period: sk.slice(at + 1), part: sk.slice(0, at) };
    }
    const at = sk.indexOf('#');
    return { period: sk.slice(0, at), part: sk.slice(at + 1) };
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
