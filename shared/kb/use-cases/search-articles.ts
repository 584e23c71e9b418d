import type { Caller } from '#identity/caller.js';
import type { Clock } from '#platform/ports.js';
import type { StreamChange } from '#platform/stream.js';
import { kbArticleEntity } from '#platform/table/kb-article.js';
import type { SearchDocument } from '#search/engine.js';
import type { SegmentAddress, SegmentStore } from '#search/ports.js';
import { fold, queryWords } from '#search/text.js';
import { updateSegment } from '#search/use-cases/update-segment.js';
import { Article, isStaffCaller, type KbSearchQuery } from '../article.js';
import { plainText } from '../plain-text.js';

/** The knowledge base is one segment: a few thousand articles at most (docs/kb.md). */
export const kbSegment: SegmentAddress = { index: 'kb', scope: 'all', segment: 'articles' };

interface ArticleAttributes {
  title: string;
  language: string;
  status: string;
  visibility: string;
  category: string;
  /** The start of the text, for snippets. */
  text: string;
}

/** An article as the index holds it: the title counts twice; internal articles are restricted. */
export const articleDocument = (article: Article): SearchDocument => {
  const text = plainText(article.html);
  return {
    id: article.id,
    group: article.id,
    text: `${article.title}\n${article.title}\n${article.tags.join(' ')}\n${text}`,
    version: article.version,
    ...(article.visibility === 'internal' ? { restricted: true } : {}),
    attributes: {
      title: article.title,
      language: article.language,
      status: article.status,
      visibility: article.visibility,
      category: article.category,
      text: text.slice(0, 2000),
    } satisfies ArticleAttributes,
  };
};

/** Article writes and deletions of a stream batch, into the knowledge base's segment. */
export const indexArticleChanges = async (
  deps: { segments: SegmentStore; clock: Clock },
  changes: readonly StreamChange[],
): Promise<void> => {
  const documents = new Map<string, SearchDocument>();
  const removals = new Set<string>();
  for (const change of changes) {
    if (change.eventName === 'REMOVE') {
      const id = change.oldImage?.entity === kbArticleEntity.name ? (change.oldImage.id as string) : null;
      if (id) {
        removals.add(id);
        documents.delete(id);
      }
      continue;
    }
    if (change.newImage?.entity !== kbArticleEntity.name) continue;
    const article = Article.parse(change.newImage);
    const seen = documents.get(article.id);
    if (!seen || (seen.version ?? 0) <= article.version) documents.set(article.id, articleDocument(article));
    removals.delete(article.id);
  }
  if (documents.size || removals.size)
    await updateSegment(deps, kbSegment, [...documents.values()], [...removals]);
};

/** A window of the text around the first word of the query it holds (or its start). */
const snippetOf = (text: string, words: readonly string[]): string => {
  const folded = fold(text);
  const at =
    words
      .map((word) => folded.indexOf(word))
      .filter((index) => index >= 0)
      .sort((a, b) => a - b)[0] ?? 0;
  const start = Math.max(0, at - 60);
  const end = Math.min(text.length, start + 180);
  return `${start > 0 ? '…' : ''}${text.slice(start, end).trim()}${end < text.length ? '…' : ''}`;
};

/**
 * `GET /kb/search`: published articles only, any word of the query (articles with more of the
 * words first: the query is often a new ticket's subject, not a keyword list); anonymous callers and clients public ones, staff
 * internal ones too. With `lang`, articles in that language.
 */
export const searchArticles = async (
  segments: SegmentStore,
  caller: Caller | null,
  query: KbSearchQuery,
): Promise<{
  results: { id: string; title: string; snippet: string; score: number; language: string }[];
}> => {
  const words = queryWords(query.q);
  if (!words.length) return { results: [] };
  const staff = isStaffCaller(caller);
  const results: { id: string; title: string; snippet: string; score: number; language: string }[] = [];
  for (const segment of await segments.segments('kb')) {
    for (const [id, score] of segment.search({ words, includeRestricted: staff, match: 'any' })) {
      const attributes = segment.attributesOf(id) as ArticleAttributes | undefined;
      if (!attributes || attributes.status !== 'published') continue;
      if (!staff && attributes.visibility !== 'public') continue;
      if (query.lang && attributes.language !== query.lang) continue;
      results.push({
        id,
        title: attributes.title,
        snippet: snippetOf(attributes.text, words),
        score: Math.round(score * 1000) / 1000,
        language: attributes.language,
      });
    }
  }
  results.sort((a, b) => b.score - a.score);
  return { results: results.slice(0, query.limit) };
};
