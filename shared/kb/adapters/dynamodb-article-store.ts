import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  type DynamoDBDocumentClient,
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';
import type { PageCursors } from '#platform/cursor.js';
import { NotFound, PreconditionFailed } from '#platform/errors.js';
import type { Page } from '#platform/ports.js';
import { kbArticleEntity, kbArticleVersionEntity } from '#platform/table/kb-article.js';
import { ITEM_ABSENT } from '#platform/table/key.js';
import { keyCondition } from '#platform/table/query.js';
import { Article, ArticleVersion } from '../article.js';
import type { ArticleFilters, ArticleStore } from '../ports.js';

const toArticle = (item: Record<string, unknown>): Article => Article.parse(item);

/** A filtered page may take a few Queries to fill; past that it comes back short, with a cursor. */
const MAX_QUERIES = 3;

export class DynamoArticleStore implements ArticleStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly cursors: PageCursors,
  ) {}

  async create(article: Article, version: ArticleVersion): Promise<void> {
    await this.db.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: this.tableName,
              Item: { ...kbArticleEntity.item(article.id), ...article },
              ConditionExpression: ITEM_ABSENT,
            },
          },
          {
            Put: {
              TableName: this.tableName,
              Item: { ...kbArticleVersionEntity.item(article.id, version.version), ...version },
            },
          },
        ],
      }),
    );
  }

  async get(id: string): Promise<Article | null> {
    const result = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: kbArticleEntity.key(id) }),
    );
    return result.Item ? toArticle(result.Item) : null;
  }

  async list(filters: ArticleFilters, page: { limit: number; cursor?: string }): Promise<Page<Article>> {
    const fingerprint = JSON.stringify(['kb-articles', filters]);
    const clauses: string[] = [];
    const names: Record<string, string> = {};
    const values: Record<string, unknown> = {};
    const equal = (attribute: string, value: unknown) => {
      names[`#${attribute}`] = attribute;
      values[`:${attribute}`] = value;
      clauses.push(`#${attribute} = :${attribute}`);
    };
    if (filters.language) equal('language', filters.language);
    if (filters.category) equal('category', filters.category);
    if (filters.publicOnly) {
      equal('status', 'published');
      equal('visibility', 'public');
    } else if (filters.status) equal('status', filters.status);
    const key = keyCondition(kbArticleEntity.queries.all());
    let startKey = this.cursors.decode(page.cursor, fingerprint);
    const items: Article[] = [];
    for (let round = 0; round < MAX_QUERIES && items.length < page.limit; round++) {
      const result = await this.db.send(
        new QueryCommand({
          TableName: this.tableName,
          ...key,
          ExpressionAttributeNames: { ...key.ExpressionAttributeNames, ...names },
          ExpressionAttributeValues: { ...key.ExpressionAttributeValues, ...values },
          ...(clauses.length ? { FilterExpression: clauses.join(' AND ') } : {}),
          Limit: page.limit - items.length,
          ...(startKey ? { ExclusiveStartKey: startKey } : {}),
        }),
      );
      items.push(...(result.Items ?? []).map(toArticle));
      startKey = result.LastEvaluatedKey;
      if (!startKey) break;
    }
    return { items, nextCursor: this.cursors.encode(startKey, fingerprint) };
  }

  async replace(article: Article, expectedVersion: number, version: ArticleVersion): Promise<void> {
    await this.conditional(
      {
        Put: {
          TableName: this.tableName,
          Item: { ...kbArticleEntity.item(article.id), ...article },
          ConditionExpression: '#version = :expected',
          ExpressionAttributeNames: { '#version': 'version' },
          ExpressionAttributeValues: { ':expected': expectedVersion },
        },
      },
      article.id,
      version,
    );
  }

  async remove(id: string, expectedVersion: number, version: ArticleVersion): Promise<void> {
    await this.conditional(
      {
        Delete: {
          TableName: this.tableName,
          Key: kbArticleEntity.key(id),
          ConditionExpression: '#version = :expected',
          ExpressionAttributeNames: { '#version': 'version' },
          ExpressionAttributeValues: { ':expected': expectedVersion },
        },
      },
      id,
      version,
    );
  }

  async versions(id: string, limit: number): Promise<ArticleVersion[]> {
    const result = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        ...keyCondition(kbArticleVersionEntity.queries.ofArticle(id)),
        Limit: limit,
      }),
    );
    return (result.Items ?? []).map((item) => ArticleVersion.parse(item));
  }

  /** The article write and its version record in one transaction; a failed condition is 404 or 412. */
  private async conditional(
    write: Record<string, unknown>,
    id: string,
    version: ArticleVersion,
  ): Promise<void> {
    try {
      await this.db.send(
        new TransactWriteCommand({
          TransactItems: [
            write,
            {
              Put: {
                TableName: this.tableName,
                Item: { ...kbArticleVersionEntity.item(id, version.version), ...version },
                ConditionExpression: ITEM_ABSENT,
              },
            },
          ],
        }),
      );
    } catch (error) {
      if (
        error instanceof TransactionCanceledException ||
        (error as Error).name === 'TransactionCanceledException'
      ) {
        if (!(await this.get(id))) throw new NotFound(`No article ${id}`);
        throw new PreconditionFailed('The article changed meanwhile: read it again');
      }
      throw error;
    }
  }
}
