import { ArticlePathParams } from '#kb/article.js';
import { getArticle } from '#kb/use-cases/read-articles.js';
import { etag, json, route } from '../http/route.js';
import { kbDeps } from '../wiring/kb.js';
import { publicCaller } from '../wiring/public-token.js';

export const handler = route(
  { action: 'kb:read', params: ArticlePathParams },
  async ({ caller, params, headers }) => {
    const article = await getArticle(kbDeps, await publicCaller(caller, headers), params.id);
    return json(200, article, { etag: etag(article.version) });
  },
);
