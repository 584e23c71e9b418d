import type { Clock, IdGenerator, Page } from '#platform/ports.js';
import type { Article, ArticleVersion } from './article.js';

export interface ArticleFilters {
  language?: string;
  category?: string;
  status?: string;
  /** Anonymous readers and clients: published public articles only. */
  publicOnly: boolean;
}

/** The article items of the table (docs/kb.md). */
export interface ArticleStore {
  /** The article and its first version, in one transaction. */
  create(article: Article, version: ArticleVersion): Promise<void>;
  get(id: string): Promise<Article | null>;
  list(filters: ArticleFilters, page: { limit: number; cursor?: string }): Promise<Page<Article>>;
  /** Replaces the article at `expectedVersion` and records the version: NotFound, PreconditionFailed. */
  replace(article: Article, expectedVersion: number, version: ArticleVersion): Promise<void>;
  /** Deletes the article at `expectedVersion`, recording the deletion as its last version. */
  remove(id: string, expectedVersion: number, version: ArticleVersion): Promise<void>;
  /** The newest versions first (at most `limit`). */
  versions(id: string, limit: number): Promise<ArticleVersion[]>;
}

export interface KbDeps {
  articles: ArticleStore;
  clock: Clock;
  ids: IdGenerator;
}
