import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  type DynamoDBDocumentClient,
  GetCommand,
  QueryCommand,
  type QueryCommandInput,
  TransactWriteCommand,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import type { PageCursors } from '#platform/cursor.js';
import type { Page } from '#platform/ports.js';
import { kbDeflectionDayEntity, kbDeflectionSeenEntity } from '#platform/table/kb-deflection.js';
import { ITEM_ABSENT, indexKeyNames, TTL_ATTRIBUTE } from '#platform/table/key.js';
import {
  reportCellEntity,
  reportCsatEntity,
  reportFactEntity,
  reportSeenEntity,
  reportTopicEntity,
} from '#platform/table/report.js';
import {
  type Cell,
  type CellSum,
  type CellValues,
  type CellView,
  type Dimensions,
  dimensionsKey,
  dimensionsOfKey,
  groupCells,
} from '../cells.js';
import type {
  CellQuery,
  CsatPageQuery,
  CsatResponse,
  DeflectionWrite,
  ReportStore,
  ReportWrite,
  TopicCount,
} from '../ports.js';
import { ReportFact } from '../ticket-fact.js';
import type { TopicKind, TopicMention } from '../topics.js';

/** How long a change marker is kept: longer than the stream retries a record (24 h). */
const SEEN_TTL_SECONDS = 4 * 24 * 60 * 60;
const MAX_TRANSACTION_ITEMS = 100;
/** The dimensions of a total cell (every dimension summed). */
export const TOTAL_DIMENSIONS = '*';
const KEY_ATTRIBUTES = new Set(['pk', 'sk', 'entity', 'agentName']);

export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** The rest of a cell's key after its period (shared/platform/table/report.ts). */
const cellPart = (view: CellView, dims: Dimensions): string => {
  if (view.kind === 'detail') return dimensionsKey(dims);
  if (view.kind === 'total') return TOTAL_DIMENSIONS;
  if (view.kind === 'value') return `${view.dimension}#${encodeURIComponent(view.value)}`;
  return encodeURIComponent(dims.agent);
};

export const cellKeyOf = (cell: Pick<CellSum, 'level' | 'period' | 'view' | 'dims'>) =>
  reportCellEntity.key(cell.level, cell.period, cell.view.kind, cellPart(cell.view, cell.dims));

export const cellItemOf = (cell: Pick<CellSum, 'level' | 'period' | 'view' | 'dims'>) =>
  reportCellEntity.item(cell.level, cell.period, cell.view.kind, cellPart(cell.view, cell.dims));

/** One Update that adds `count` mentions to a topic's day (and names its latest example). */
export const topicUpdate = (
  tableName: string,
  day: string,
  mention: TopicMention,
  example: string,
  count: number,
): TransactItem => ({
  Update: {
    TableName: tableName,
    Key: reportTopicEntity.key(day, mention.kind, mention.topic),
    UpdateExpression: 'SET #entity = :entity, #label = :label, #example = :example ADD #count :count',
    ExpressionAttributeNames: {
      '#entity': 'entity',
      '#label': 'label',
      '#example': 'example',
      '#count': 'count',
    },
    ExpressionAttributeValues: {
      ':entity': reportTopicEntity.name,
      ':label': mention.label,
      ':example': example,
      ':count': count,
    },
  },
});

/** One Update that adds `values` to a cell (and sets the entity, and the agent's latest name). */
export const cellUpdate = (tableName: string, cell: CellSum): TransactItem => {
  const names: Record<string, string> = { '#entity': 'entity' };
  const values: Record<string, unknown> = { ':entity': reportCellEntity.name };
  const adds = Object.entries(cell.values)
    .filter(([, value]) => value !== 0)
    .map(([name, value], i) => {
      names[`#a${i}`] = name;
      values[`:a${i}`] = value;
      return `#a${i} :a${i}`;
    });
  const sets = ['#entity = :entity'];
  if (cell.agentName) {
    names['#agentName'] = 'agentName';
    values[':agentName'] = cell.agentName;
    sets.push('#agentName = :agentName');
  }
  return {
    Update: {
      TableName: tableName,
      Key: cellKeyOf(cell),
      UpdateExpression: `SET ${sets.join(', ')}${adds.length ? ` ADD ${adds.join(', ')}` : ''}`,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    },
  };
};

const noDimensions: Dimensions = { orgId: '', queue: '', priority: '', category: '', agent: '' };

const dimensionsOfPart = (view: CellView, part: string): Dimensions => {
  if (view.kind === 'detail') return dimensionsOfKey(part);
  if (view.kind === 'value') return { ...noDimensions, [view.dimension]: view.value };
  if (view.kind === 'agents') return { ...noDimensions, agent: decodeURIComponent(part) };
  return noDimensions;
};

const toCell = (item: Record<string, unknown>, level: Cell['level'], view: CellView): Cell => {
  const { period, part } = reportCellEntity.partsOf(String(item.sk), view.kind);
  const values: CellValues = {};
  for (const [name, value] of Object.entries(item)) {
    if (!KEY_ATTRIBUTES.has(name) && typeof value === 'number') values[name] = value;
  }
  return {
    level,
    period,
    dims: dimensionsOfPart(view, part),
    values,
    agentName: typeof item.agentName === 'string' ? item.agentName : null,
  };
};

const toCsat = (item: Record<string, unknown>): CsatResponse => {
  const {
    ticketId,
    reference,
    rating,
    comment,
    createdAt,
    agentId,
    agentName,
    orgId,
    queue,
    priority,
    category,
  } = item as unknown as CsatResponse;
  return {
    ticketId,
    reference,
    rating,
    comment: comment ?? null,
    createdAt,
    agentId: agentId ?? null,
    agentName: agentName ?? null,
    orgId,
    queue,
    priority,
    category: category ?? null,
  };
};

export class DynamoReportStore implements ReportStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly cursors: PageCursors,
  ) {}

  async fact(ticketId: string): Promise<ReportFact | null> {
    const result = await this.db.send(
      new GetCommand({
        TableName: this.tableName,
        Key: reportFactEntity.key(ticketId),
        ConsistentRead: true,
      }),
    );
    return result.Item ? ReportFact.parse(result.Item) : null;
  }

  /**
   * One transaction: the change's marker (absent: else 'already'), the cell updates, the rating,
   * the topic counts and the fact. A change with more writes than a transaction holds (100) is
   * split, each part with a marker of its own (`SEEN#<changeId>`, then `…#2`, `#3`) and the fact
   * in the last: a retry after a part went through skips that part, and the fact (which makes
   * `recordTicketChange` answer 'already') is written only once everything else is.
   */
  async record(write: ReportWrite): Promise<'recorded' | 'already'> {
    const writes: TransactItem[] = groupCells(write.contributions).map((cell) =>
      cellUpdate(this.tableName, cell),
    );
    if (write.csat) {
      writes.push({
        Put: {
          TableName: this.tableName,
          Item: { ...reportCsatEntity.item(write.csat.createdAt, write.csat.ticketId), ...write.csat },
        },
      });
    }
    for (const mention of write.topics?.mentions ?? [])
      writes.push(
        topicUpdate(this.tableName, write.topics?.day ?? '', mention, write.topics?.reference ?? '', 1),
      );
    writes.push({
      Put: {
        TableName: this.tableName,
        Item: { ...reportFactEntity.item(write.ticketId, write.fact.createdAt), ...write.fact },
      },
    });
    const perPart = MAX_TRANSACTION_ITEMS - 1;
    let outcome: 'recorded' | 'already' = 'already';
    for (let part = 0; part * perPart < writes.length; part++) {
      const changeId = part === 0 ? write.changeId : `${write.changeId}#${part + 1}`;
      const items = [
        this.marker(write.ticketId, changeId),
        ...writes.slice(part * perPart, (part + 1) * perPart),
      ];
      if ((await this.transact(items)) === 'recorded') outcome = 'recorded';
    }
    return outcome;
  }

  private marker(ticketId: string, changeId: string): TransactItem {
    return {
      Put: {
        TableName: this.tableName,
        Item: {
          ...reportSeenEntity.item(ticketId, changeId),
          [TTL_ATTRIBUTE]: Math.floor(Date.now() / 1000) + SEEN_TTL_SECONDS,
        },
        ConditionExpression: ITEM_ABSENT,
      },
    };
  }

  private async transact(items: TransactItem[]): Promise<'recorded' | 'already'> {
    try {
      await this.db.send(new TransactWriteCommand({ TransactItems: items }));
      return 'recorded';
    } catch (error) {
      if (
        error instanceof TransactionCanceledException &&
        error.CancellationReasons?.[0]?.Code === 'ConditionalCheckFailed'
      )
        return 'already';
      throw error;
    }
  }

  /**
   * One transaction: the session key's marker (absent: else 'already'), the client's day counter
   * (below the cap: else 'capped') and `deflections` + 1 in the cells of the client's
   * organisation (no queue, priority, category or agent) and the totals, at each level.
   */
  async recordDeflection(write: DeflectionWrite): Promise<'recorded' | 'already' | 'capped'> {
    const expires = Math.floor(Date.parse(write.at) / 1000) + SEEN_TTL_SECONDS;
    const dims = { orgId: write.orgId, queue: '', priority: '', category: '', agent: '' };
    const cells = groupCells([{ at: write.at, dims, values: { deflections: 1 }, agentName: null }]).map(
      (cell) => cellUpdate(this.tableName, cell),
    );
    const items: TransactItem[] = [
      {
        Put: {
          TableName: this.tableName,
          Item: { ...kbDeflectionSeenEntity.item(write.userId, write.sessionKey), [TTL_ATTRIBUTE]: expires },
          ConditionExpression: ITEM_ABSENT,
        },
      },
      {
        Update: {
          TableName: this.tableName,
          Key: kbDeflectionDayEntity.key(write.userId, write.at.slice(0, 10)),
          UpdateExpression: 'SET #entity = :entity, #ttl = :ttl ADD #count :one',
          ConditionExpression: 'attribute_not_exists(#count) OR #count < :cap',
          ExpressionAttributeNames: { '#entity': 'entity', '#ttl': TTL_ATTRIBUTE, '#count': 'count' },
          ExpressionAttributeValues: {
            ':entity': kbDeflectionDayEntity.name,
            ':ttl': expires,
            ':one': 1,
            ':cap': write.dailyCap,
          },
        },
      },
      ...cells,
    ];
    try {
      await this.db.send(new TransactWriteCommand({ TransactItems: items }));
      return 'recorded';
    } catch (error) {
      if (error instanceof TransactionCanceledException) {
        if (error.CancellationReasons?.[0]?.Code === 'ConditionalCheckFailed') return 'already';
        if (error.CancellationReasons?.[1]?.Code === 'ConditionalCheckFailed') return 'capped';
      }
      throw error;
    }
  }

  async cells(query: CellQuery): Promise<Cell[]> {
    const { view } = query;
    const { from, to } =
      view.kind === 'value'
        ? reportCellEntity.valueRange(cellPart(view, noDimensions), query.fromPeriod, query.toPeriod)
        : reportCellEntity.periodRange(query.fromPeriod, query.toPeriod);
    const items = await this.queryAll({
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
      ExpressionAttributeValues: {
        ':pk': reportCellEntity.partition(query.level, query.fromPeriod, view.kind),
        ':from': from,
        ':to': to,
      },
    });
    return items.map((item) => toCell(item, query.level, view));
  }

  async csat(query: CsatPageQuery): Promise<Page<CsatResponse>> {
    const fingerprint = `report-csat|${query.from}|${query.to}`;
    const state = this.cursors.decode(query.cursor, fingerprint) as
      | { year?: number; key?: Record<string, unknown> }
      | undefined;
    const firstYear = Number(query.from.slice(0, 4));
    const year = state?.year ?? Number(query.to.slice(0, 4));
    const result = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
        ExpressionAttributeValues: {
          ':pk': reportCsatEntity.partition(String(year)),
          ':from': query.from,
          // Exclusive end: every key of the instant before sorts below it.
          ':to': query.to,
        },
        ScanIndexForward: false,
        Limit: query.limit,
        ...(state?.key ? { ExclusiveStartKey: state.key } : {}),
      }),
    );
    const items = (result.Items ?? []).map(toCsat).filter((item) => item.createdAt < query.to);
    const next = result.LastEvaluatedKey
      ? { year, key: result.LastEvaluatedKey }
      : year > firstYear
        ? { year: year - 1 }
        : undefined;
    return { items, nextCursor: this.cursors.encode(next, fingerprint) };
  }

  async topics(fromDay: string, toDay: string): Promise<TopicCount[]> {
    const counts: TopicCount[] = [];
    for (let year = Number(fromDay.slice(0, 4)); year <= Number(toDay.slice(0, 4)); year++) {
      const items = await this.queryAll({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
        ExpressionAttributeValues: {
          ':pk': reportTopicEntity.partition(String(year)),
          ':from': `${fromDay}#`,
          ':to': `${toDay}#\uffff`,
        },
      });
      for (const item of items) {
        const [day = '', kind = 'term', ...topic] = String(item.sk).split('#');
        counts.push({
          day,
          kind: kind as TopicKind,
          topic: topic.join('#'),
          label: String(item.label ?? ''),
          count: Number(item.count ?? 0),
          example: String(item.example ?? ''),
        });
      }
    }
    return counts;
  }

  async facts(query: { month: string; from: string; to: string }, cursor?: Record<string, unknown>) {
    const spec = reportFactEntity.queries.createdIn(query.month);
    const names = indexKeyNames(spec.index);
    const result = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: spec.index,
        // Sorted `<createdAt>#<id>`: the range's part of the month only.
        KeyConditionExpression: '#pk = :pk AND #sk BETWEEN :from AND :to',
        ExpressionAttributeNames: { '#pk': names.partitionKey, '#sk': names.sortKey },
        ExpressionAttributeValues: { ':pk': spec.pk, ':from': query.from, ':to': query.to },
        Limit: 500,
        ...(cursor ? { ExclusiveStartKey: cursor } : {}),
      }),
    );
    return {
      items: (result.Items ?? []).map((item) => ReportFact.parse(item)),
      ...(result.LastEvaluatedKey ? { next: result.LastEvaluatedKey } : {}),
    };
  }

  private async queryAll(input: QueryCommandInput): Promise<Record<string, unknown>[]> {
    const items: Record<string, unknown>[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const result = await this.db.send(
        new QueryCommand({ ...input, ...(start ? { ExclusiveStartKey: start } : {}) }),
      );
      items.push(...(result.Items ?? []));
      start = result.LastEvaluatedKey;
    } while (start);
    return items;
  }
}
