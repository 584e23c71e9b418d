import { ArticlePathParams } from '#kb/article.js';
import { getArticle } from '#kb/use-cases/read-articles.js';
import { etag, json, route } from '../http/route.js';
import { kbDeps } from '../wiring/kb.js';

export const handler = route({ action: 'kb:read', params: ArticlePathParams }, async ({ caller, params }) => {
  const article = await getArticle(kbDeps, caller, params.id);
  return json(200, article, { etag: etag(article.version) });
});
