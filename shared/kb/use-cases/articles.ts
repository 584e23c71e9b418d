import type { Caller } from '#identity/caller.js';
import { Invalid, NotFound, PreconditionFailed } from '#platform/errors.js';
import {
  type Article,
  type ArticleListQuery,
  type ArticlePatch,
  type ArticleVersion,
  assertMayWrite,
  canRead,
  isStaffCaller,
  type NewArticle,
} from '../article.js';
import { renderMarkdown } from '../markdown.js';
import type { KbDeps } from '../ports.js';

export type { KbDeps } from '../ports.js';

const personOf = (caller: Caller) =>
  caller.kind === 'user' ? { id: caller.id, name: caller.name } : { id: caller.id, name: caller.id };

const versionOf = (
  article: Article,
  change: ArticleVersion['change'],
  caller: Caller,
  at: string,
): ArticleVersion => ({
  version: article.version,
  change,
  at,
  author: personOf(caller),
  title: article.title,
  body: article.body,
  status: article.status,
  visibility: article.visibility,
  language: article.language,
});

export const createArticle = async (deps: KbDeps, caller: Caller, input: NewArticle): Promise<Article> => {
  assertMayWrite(caller, null, input);
  if (input.translationOf) {
    const original = await deps.articles.get(input.translationOf);
    if (!original)
      throw new Invalid('No such article to translate', [
        { path: 'translationOf', message: 'Unknown article' },
      ]);
    if (original.translationOf)
      throw new Invalid('Translate the original article', [
        { path: 'translationOf', message: `Is itself a translation of ${original.translationOf}` },
      ]);
  }
  const now = deps.clock.now().toISOString();
  const article: Article = {
    id: deps.ids.next(),
    title: input.title,
    body: input.body,
    html: renderMarkdown(input.body),
    language: input.language,
    category: input.category,
    tags: input.tags,
    visibility: input.visibility,
    status: input.status,
    translationOf: input.translationOf ?? null,
    version: 1,
    createdAt: now,
    updatedAt: now,
    author: personOf(caller),
    updatedBy: personOf(caller),
  };
  await deps.articles.create(article, versionOf(article, 'created', caller, now));
  return article;
};

export const deleteArticle = async (
  deps: KbDeps,
  caller: Caller,
  id: string,
  ifMatch: number | undefined,
): Promise<void> => {
  const before = await deps.articles.get(id);
  if (!before) throw new NotFound(`No article ${id}`);
  assertMayWrite(caller, before, null);
  if (ifMatch !== undefined && ifMatch !== before.version)
    throw new PreconditionFailed(`The article is at version ${before.version}, not ${ifMatch}`);
  const at = deps.clock.now().toISOString();
  await deps.articles.remove(
    id,
    before.version,
    versionOf({ ...before, version: before.version + 1 }, 'deleted', caller, at),
  );
};

export const updateArticle = async (
  deps: KbDeps,
  caller: Caller,
  id: string,
  patch: ArticlePatch,
  ifMatch: number | undefined,
): Promise<Article> => {
  const before = await deps.articles.get(id);
  if (!before) throw new NotFound(`No article ${id}`);
  if (ifMatch !== undefined && ifMatch !== before.version)
    throw new PreconditionFailed(`The article is at version ${before.version}, not ${ifMatch}`);
  const after: Article = {
    ...before,
    ...patch,
    html: patch.body !== undefined ? renderMarkdown(patch.body) : before.html,
    version: before.version + 1,
    updatedAt: deps.clock.now().toISOString(),
    updatedBy: personOf(caller),
  };
  assertMayWrite(caller, before, after);
  await deps.articles.replace(after, before.version, versionOf(after, 'updated', caller, after.updatedAt));
  return after;
};
