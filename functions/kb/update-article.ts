import { ArticlePatch, ArticlePathParams } from '#kb/article.js';
import { updateArticle } from '#kb/use-cases/articles.js';
import { etag, ifMatchVersion, json, route, signedIn } from '../http/route.js';
import { kbDeps } from '../wiring/kb.js';

export const handler = route(
  { action: 'kb:write', params: ArticlePathParams, body: ArticlePatch },
  async ({ caller, params, body, headers }) => {
    const article = await updateArticle(kbDeps, signedIn(caller), params.id, body, ifMatchVersion(headers));
    return json(200, article, { etag: etag(article.version) });
  },
);
