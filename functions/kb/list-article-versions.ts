import { ArticlePathParams } from '#kb/article.js';
import { articleVersions } from '#kb/use-cases/read-articles.js';
import { json, route } from '../http/route.js';
import { kbDeps } from '../wiring/kb.js';

/** Every change of an article, newest first (staff). */
export const handler = route({ action: 'kb:history', params: ArticlePathParams }, async ({ params }) =>
  json(200, { items: await articleVersions(kbDeps, params.id) }),
);
