import type { Caller } from '#identity/caller.js';
import { NotFound } from '#platform/errors.js';
import type { Page } from '#platform/ports.js';
import {
  type Article,
  type ArticleListQuery,
  type ArticleVersion,
  canRead,
  isStaffCaller,
} from '../article.js';
import type { KbDeps } from '../ports.js';

/** The knowledge base's reads (no Markdown renderer in their bundles: that is the writes' business). */

/** Someone who may not read the article gets 404: a draft or internal article does not exist for them. */
export const getArticle = async (deps: KbDeps, caller: Caller | null, id: string): Promise<Article> => {
  const article = await deps.articles.get(id);
  if (!article || !canRead(caller, article)) throw new NotFound(`No article ${id}`);
  return article;
};

export const listArticles = (
  deps: KbDeps,
  caller: Caller | null,
  query: ArticleListQuery,
): Promise<Page<Article>> =>
  deps.articles.list(
    {
      ...(query.lang ? { language: query.lang } : {}),
      ...(query.category ? { category: query.category } : {}),
      ...(query.status ? { status: query.status } : {}),
      publicOnly: !isStaffCaller(caller),
    },
    { limit: query.limit, ...(query.cursor ? { cursor: query.cursor } : {}) },
  );

/** Staff only (the route's permission): every change with its author and time, newest first. */
export const articleVersions = async (deps: KbDeps, id: string): Promise<ArticleVersion[]> => {
  const versions = await deps.articles.versions(id, 100);
  if (!versions.length) throw new NotFound(`No article ${id}`);
  return versions;
};
