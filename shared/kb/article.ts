import * as z from 'zod';
import type { Caller } from '#identity/caller.js';
import { Forbidden } from '#platform/errors.js';
import { Timestamp } from '#tickets/timestamp.js';

/**
 * Knowledge-base articles (docs/kb.md): Markdown rendered to sanitized HTML, in one of the
 * product's languages, a translation pointing at its original, public (the help centre) or
 * internal (staff), draft or published. Leads and admins publish; agents write drafts.
 */
export const kbLanguages = ['en', 'de', 'pl', 'et'] as const;
export const KbLanguage = z.enum(kbLanguages);
export type KbLanguage = z.infer<typeof KbLanguage>;
export const Visibility = z.enum(['public', 'internal']);
export const ArticleStatus = z.enum(['draft', 'published']);

export const MAX_ARTICLE_BODY_BYTES = 64 * 1024;
export const ArticleId = z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'not an article id');
export const ArticlePathParams = z.strictObject({ id: ArticleId });

const Title = z
  .string()
  .trim()
  .min(1, 'Title must not be empty')
  .max(200, 'Title must be at most 200 characters');
const Body = z
  .string()
  .refine((text) => Buffer.byteLength(text, 'utf8') <= MAX_ARTICLE_BODY_BYTES, 'Body must be at most 64 KB')
  .meta({ description: 'Markdown; served rendered as sanitized HTML in `html`' });
const Category = z
  .string()
  .trim()
  .min(1)
  .max(60)
  .regex(/^[\p{L}\p{N}][\p{L}\p{N} _-]*$/u, 'Letters, digits, spaces, - and _');
const Tags = z.array(z.string().trim().min(1).max(40)).max(20, 'At most 20 tags');

export const NewArticle = z
  .strictObject({
    title: Title,
    body: Body,
    language: KbLanguage,
    category: Category.default('general'),
    tags: Tags.default([]),
    visibility: Visibility.default('public'),
    status: ArticleStatus.default('draft').meta({ description: 'Agents may only write drafts' }),
    translationOf: ArticleId.optional().meta({ description: 'The article this one translates' }),
  })
  .meta({ id: 'NewArticle' });
export type NewArticle = z.infer<typeof NewArticle>;

export const ArticlePatch = z
  .strictObject({
    title: Title.optional(),
    body: Body.optional(),
    language: KbLanguage.optional(),
    category: Category.optional(),
    tags: Tags.optional(),
    visibility: Visibility.optional(),
    status: ArticleStatus.optional(),
  })
  .refine((body) => Object.keys(body).length > 0, { message: 'Give at least one field to change' })
  .meta({ id: 'ArticlePatch' });
export type ArticlePatch = z.infer<typeof ArticlePatch>;

const Person = z.object({ id: z.string(), name: z.string() });

export const Article = z
  .object({
    id: z.string(),
    title: z.string(),
    body: z.string(),
    html: z
      .string()
      .meta({ description: 'The body rendered: no scripts, no event handlers, links rel=noopener' }),
    language: KbLanguage,
    category: z.string(),
    tags: z.array(z.string()),
    visibility: Visibility,
    status: ArticleStatus,
    translationOf: z.string().nullable(),
    version: z.int().min(1),
    createdAt: Timestamp,
    updatedAt: Timestamp,
    author: Person,
    updatedBy: Person,
  })
  .meta({ id: 'Article' });
export type Article = z.infer<typeof Article>;

/** One change, as kept: who, when, and the article as it was after it. */
export const ArticleVersion = z
  .object({
    version: z.int().min(1),
    change: z.enum(['created', 'updated', 'deleted']),
    at: Timestamp,
    author: Person,
    title: z.string(),
    body: z.string(),
    status: ArticleStatus,
    visibility: Visibility,
    language: KbLanguage,
  })
  .meta({ id: 'ArticleVersion' });
export type ArticleVersion = z.infer<typeof ArticleVersion>;

export const ArticleListQuery = z.strictObject({
  lang: KbLanguage.optional(),
  category: Category.optional(),
  status: ArticleStatus.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: z.string().max(2048).optional(),
});
export type ArticleListQuery = z.infer<typeof ArticleListQuery>;

export const KbSearchQuery = z.strictObject({
  q: z.string().trim().min(1).max(200),
  lang: KbLanguage.optional(),
  limit: z.coerce.number().int().min(1).max(20).default(5),
});
export type KbSearchQuery = z.infer<typeof KbSearchQuery>;

export const KbSearchResults = z
  .object({
    results: z.array(
      z.object({
        id: z.string(),
        title: z.string(),
        snippet: z.string(),
        score: z.number(),
        language: KbLanguage,
      }),
    ),
  })
  .meta({ id: 'KbSearchResults' });

export const ArticlePage = z
  .object({ items: z.array(Article), nextCursor: z.string().nullable() })
  .meta({ id: 'ArticlePage' });
export const ArticleVersions = z.object({ items: z.array(ArticleVersion) }).meta({ id: 'ArticleVersions' });

/** The editor's preview: the Markdown as readers would get it, through the same sanitizer. */
export const ArticlePreviewRequest = z.strictObject({ body: Body }).meta({ id: 'ArticlePreviewRequest' });
export const ArticlePreview = z
  .object({
    html: z.string().meta({ description: 'The body rendered and sanitized, as it would be stored' }),
  })
  .meta({ id: 'ArticlePreview' });

export const isStaffCaller = (caller: Caller | null): boolean =>
  caller !== null && caller.kind === 'user' && caller.role !== 'client';

/** Whether the caller may read the article: staff everything, everybody else published public ones. */
export const canRead = (caller: Caller | null, article: Pick<Article, 'status' | 'visibility'>): boolean =>
  isStaffCaller(caller) || (article.status === 'published' && article.visibility === 'public');

/** Leads and admins publish and delete; an agent writes drafts only (and may not touch a published article). */
export const assertMayWrite = (
  caller: Caller,
  before: Pick<Article, 'status'> | null,
  after: Pick<Article, 'status'> | null,
): void => {
  if (caller.kind !== 'user' || caller.role === 'client') throw new Forbidden('Only staff write articles');
  if (caller.role === 'lead' || caller.role === 'admin') return;
  if (after === null) throw new Forbidden('Only leads and admins delete articles');
  if (after.status === 'published' || before?.status === 'published')
    throw new Forbidden('Only leads and admins publish articles or change published ones');
};
