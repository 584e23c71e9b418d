import { envelope, joinKey, type Key, prefixOf, type QuerySpec } from './key.js';

/**
 * Knowledge-base articles (docs/kb.md): every article in one partition `KB` / `ARTICLE#<id>`
 * (the list is one Query, paged), and each article's versions in its own partition
 * `KB#<id>` / `VERSION#<000042>`, written in the transaction of the change they record.
 */
const KB = 'KB';
const ARTICLE = 'ARTICLE';
const VERSION = 'VERSION';
const ARTICLE_ENTITY = 'kb-article';
const VERSION_ENTITY = 'kb-article-version';

const articleKey = (id: string): Key => ({ pk: KB, sk: joinKey(ARTICLE, id) });
const versionKey = (id: string, version: number): Key => ({
  pk: joinKey(KB, id),
  sk: joinKey(VERSION, String(version).padStart(6, '0')),
});

export const kbArticleEntity = {
  name: ARTICLE_ENTITY,
  key: articleKey,
  item: (id: string) => envelope(ARTICLE_ENTITY, articleKey(id)),
  queries: {
    all: (): QuerySpec => ({ pk: KB, skPrefix: prefixOf(ARTICLE), descending: false }),
  },
};

export const kbArticleVersionEntity = {
  name: VERSION_ENTITY,
  key: versionKey,
  item: (id: string, version: number) => envelope(VERSION_ENTITY, versionKey(id, version)),
  queries: {
    /** Newest first. */
    ofArticle: (id: string): QuerySpec => ({ pk: joinKey(KB, id), skPrefix: prefixOf(VERSION) }),
  },
};
