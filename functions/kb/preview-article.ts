import '../wiring/signed-in.js';
import { ArticlePreviewRequest } from '#kb/article.js';
import { renderMarkdown } from '#kb/markdown.js';
import { json, route } from '../http/route.js';

/**
 * The editor's preview (staff): the Markdown rendered by the same marked + js-xss pass a
 * save stores, so the portal needs no second sanitizer and shows exactly what readers will get.
 * Writes nothing.
 */
export const handler = route({ action: 'kb:write', body: ArticlePreviewRequest }, async ({ body }) =>
  json(200, { html: renderMarkdown(body.body) }),
);
