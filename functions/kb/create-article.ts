import { NewArticle } from '#kb/article.js';
import { createArticle } from '#kb/use-cases/articles.js';
import { etag, json, route, signedIn } from '../http/route.js';
import { kbDeps } from '../wiring/kb.js';

export const handler = route({ action: 'kb:write', body: NewArticle }, async ({ caller, body }) => {
  const article = await createArticle(kbDeps, signedIn(caller), body);
  return json(201, article, { etag: etag(article.version), location: `/api/v1/kb/articles/${article.id}` });
});
