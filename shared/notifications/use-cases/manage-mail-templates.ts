import * as z from 'zod';
import type { Caller } from '#identity/caller.js';
import { Forbidden, Invalid, PreconditionFailed } from '#platform/errors.js';
import type { Clock } from '#platform/ports.js';
import type { SettingsDocuments } from '#platform/settings-documents.js';
import { authorOf } from '#tickets/ticket.js';
import { type MailLanguage, mailLanguages } from '../locale.js';
import {
  isRuleTemplateKind,
  MAIL_TEMPLATES_DOCUMENT,
  MAX_DOCUMENT_BYTES,
  noticeTemplateKinds,
  placeholdersOf,
  type StoredTemplate,
  type TemplateDocument,
  TemplateDocument as TemplateDocumentSchema,
  type TemplateKind,
  TemplateText,
  templateKey,
  templatesOf,
  validateTemplate,
} from '../mail-templates.js';
import { renderNotice } from '../render.js';
import { sampleOf } from '../template-samples.js';

export interface MailTemplateDeps {
  documents: SettingsDocuments;
  clock: Clock;
}

export const MailTemplateView = z
  .object({
    kind: z.string(),
    language: z.enum(mailLanguages),
    /** Whether an admin's template replaces the built-in text. */
    customised: z.boolean(),
    placeholders: z.array(z.string()),
    /** The stored template; null while the built-in text applies. */
    subject: z.string().nullable(),
    body: z.string().nullable(),
    /** The template's ETag (0 while built-in). */
    version: z.number().int(),
    updatedAt: z.string().nullable(),
    updatedBy: z.object({ id: z.string(), name: z.string(), role: z.string() }).nullable(),
  })
  .meta({ id: 'MailTemplate' });
export type MailTemplateView = z.infer<typeof MailTemplateView>;

export const MailTemplateList = z
  .object({ templates: z.array(MailTemplateView) })
  .meta({ id: 'MailTemplateList' });

export const PreviewBody = TemplateText.partial().meta({
  id: 'MailTemplatePreviewRequest',
  description: 'A template to try (subject and body); empty: the stored one, or the built-in text',
});

export const RenderedPreview = z
  .object({ language: z.enum(mailLanguages), subject: z.string(), text: z.string(), html: z.string() })
  .meta({ id: 'MailTemplatePreview' });
export type RenderedPreview = z.infer<typeof RenderedPreview>;

const load = async (deps: MailTemplateDeps): Promise<{ document: TemplateDocument; version: number }> => {
  const stored = await deps.documents.load(MAIL_TEMPLATES_DOCUMENT);
  if (stored.version === 0) return { document: { templates: {} }, version: 0 };
  return { document: TemplateDocumentSchema.parse(stored.value), version: stored.version };
};

/** A template's version: its saves and resets counted (0 while never touched). */
const versionOf = (document: TemplateDocument, key: string): number =>
  document.templates[key]?.version ?? document.resets?.[key] ?? 0;

const viewOf = (kind: TemplateKind, language: MailLanguage, document: TemplateDocument): MailTemplateView => {
  const key = templateKey(kind, language);
  const stored = document.templates[key];
  return {
    kind,
    language,
    customised: stored !== undefined,
    placeholders: [...placeholdersOf(kind)],
    subject: stored?.subject ?? null,
    body: stored?.body ?? null,
    version: versionOf(document, key),
    updatedAt: stored?.updatedAt ?? null,
    updatedBy: stored?.updatedBy ?? null,
  };
};

/** Every notice kind × language, then the rule templates admins wrote, each in all four languages. */
export const listMailTemplates = async (deps: MailTemplateDeps): Promise<MailTemplateView[]> => {
  const { document } = await load(deps);
  const ruleKinds = [
    ...new Set(
      [...Object.keys(document.templates), ...Object.keys(document.resets ?? {})]
        .map((key) => key.slice(0, key.lastIndexOf('/')))
        .filter(isRuleTemplateKind),
    ),
  ].sort();
  return [...noticeTemplateKinds, ...ruleKinds].flatMap((kind) =>
    mailLanguages.map((language) => viewOf(kind, language, document)),
  );
};

const parseText = (body: unknown): TemplateText => {
  const parsed = TemplateText.safeParse(body);
  if (parsed.success) return parsed.data;
  const errors = parsed.error.issues.map((issue) => {
    const path = issue.path.map(String).join('.') || 'body';
    return { path, message: `${path}: ${issue.message}` };
  });
  throw new Invalid(`The template is invalid: ${errors[0]?.message ?? 'invalid'}`, errors);
};

const mayChange = (caller: Caller): void => {
  if (caller.kind !== 'user' || caller.role !== 'admin')
    throw new Forbidden('Only admins change mail templates');
};

/** The templates document and the version of one template, which If-Match names (else 412). */
const loadForChange = async (
  deps: MailTemplateDeps,
  kind: TemplateKind,
  language: MailLanguage,
  ifMatch: number | undefined,
) => {
  const { document, version } = await load(deps);
  const key = templateKey(kind, language);
  const currentVersion = versionOf(document, key);
  if (ifMatch !== undefined && ifMatch !== currentVersion)
    throw new PreconditionFailed(
      `The ${kind} template in ${language} is at version ${currentVersion}, not ${ifMatch}: someone saved it since you read it. Reload and retry.`,
    );
  return { document, version, key, currentVersion };
};

/**
 * Stores a template (admins). If-Match is the template's own version, so two admins editing
 * different templates do not collide; the document's version guards the write itself. Every
 * save is audited (who, when, the templates before → after).
 */
export const putMailTemplate = async (
  deps: MailTemplateDeps,
  caller: Caller,
  kind: TemplateKind,
  language: MailLanguage,
  body: unknown,
  ifMatch?: number,
): Promise<MailTemplateView> => {
  mayChange(caller);
  const text = parseText(body);
  validateTemplate(kind, text);
  const { document, version, key, currentVersion } = await loadForChange(deps, kind, language, ifMatch);
  const at = deps.clock.now().toISOString();
  const actor = authorOf(caller);
  const stored: StoredTemplate = { ...text, version: currentVersion + 1, updatedAt: at, updatedBy: actor };
  const next: TemplateDocument = { ...document, templates: { ...document.templates, [key]: stored } };
  if (new TextEncoder().encode(JSON.stringify(next)).length > MAX_DOCUMENT_BYTES)
    throw new Invalid('The mail templates together are too large: shorten or reuse some', [
      { path: 'body', message: `All templates together may take ${MAX_DOCUMENT_BYTES / 1000} kB` },
    ]);
  await deps.documents.save({
    name: MAIL_TEMPLATES_DOCUMENT,
    value: next,
    previous: document,
    expectedVersion: version,
    actor,
    at,
  });
  return viewOf(kind, language, next);
};

/**
 * Brings back the built-in text (admins): the stored template leaves the document, audited like
 * a save (who, when, the templates before → after), and its version counts one up. If-Match is
 * the template's version; a template already built-in answers as it is and writes nothing, so a
 * retried reset is harmless.
 */
export const resetMailTemplate = async (
  deps: MailTemplateDeps,
  caller: Caller,
  kind: TemplateKind,
  language: MailLanguage,
  ifMatch?: number,
): Promise<MailTemplateView> => {
  mayChange(caller);
  const { document, version, key, currentVersion } = await loadForChange(deps, kind, language, ifMatch);
  if (!document.templates[key]) return viewOf(kind, language, document);
  const { [key]: _reset, ...templates } = document.templates;
  const next: TemplateDocument = { templates, resets: { ...document.resets, [key]: currentVersion + 1 } };
  await deps.documents.save({
    name: MAIL_TEMPLATES_DOCUMENT,
    value: next,
    previous: document,
    expectedVersion: version,
    actor: authorOf(caller),
    at: deps.clock.now().toISOString(),
  });
  return viewOf(kind, language, next);
};

/**
 * Renders the sample notice of a kind in a language: with the template given (checked first:
 * an unknown placeholder is a 400 naming it), else with the stored one or the built-in text.
 */
export const previewMailTemplate = async (
  deps: MailTemplateDeps,
  kind: TemplateKind,
  language: MailLanguage,
  given: z.infer<typeof PreviewBody>,
): Promise<RenderedPreview> => {
  const trying = given.subject !== undefined || given.body !== undefined;
  const templates = trying
    ? (() => {
        const text = parseText(given);
        validateTemplate(kind, text);
        return { find: (k: string, l: string) => (k === kind && l === language ? text : undefined) };
      })()
    : templatesOf((await load(deps)).document);
  const { notice, context } = sampleOf(kind, language);
  const rendered = renderNotice(notice, { ...context, templates });
  return { language: rendered.language, subject: rendered.subject, text: rendered.text, html: rendered.html };
};
