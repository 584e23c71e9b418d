import { ArticlePathParams } from '#kb/article.js';
import { deleteArticle } from '#kb/use-cases/articles.js';
import { ifMatchVersion, route, signedIn } from '../http/route.js';
import { kbDeps } from '../wiring/kb.js';

export const handler = route(
  { action: 'kb:write', params: ArticlePathParams },
  async ({ caller, params, headers }) => {
    await deleteArticle(kbDeps, signedIn(caller), params.id, ifMatchVersion(headers));
    return { statusCode: 204, headers: { 'cache-control': 'no-store' } };
  },
);
