import { KbSearchQuery } from '#kb/article.js';
import { searchArticles } from '#kb/use-cases/search-articles.js';
import { json, route } from '../http/route.js';
import { publicCaller } from '../wiring/public-token.js';
import { segments } from '../wiring/search.js';

/** Without a token: published public articles; with a staff token internal ones too (docs/kb.md). */
export const handler = route(
  { action: 'kb:search', query: KbSearchQuery },
  async ({ caller, query, headers }) =>
    json(200, await searchArticles(segments, await publicCaller(caller, headers), query)),
);
