import { ArticleListQuery } from '#kb/article.js';
import { listArticles } from '#kb/use-cases/read-articles.js';
import { json, route } from '../http/route.js';
import { publicCaller } from '../wiring/public-token.js';
import { kbListDeps } from '../wiring/search.js';

/** Anonymous readers and clients see published public articles; staff drafts and internal ones too. */
export const handler = route(
  { action: 'kb:read', query: ArticleListQuery },
  async ({ caller, query, headers }) =>
    json(200, await listArticles(kbListDeps, await publicCaller(caller, headers), query)),
);
