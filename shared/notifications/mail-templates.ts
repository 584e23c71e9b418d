import * as z from 'zod';
import { Invalid } from '#platform/errors.js';
import { type MailLanguage, mailLanguages } from './locale.js';
import { type NoticeKind, noticeKinds } from './notices.js';
import type { Block, CommonVars, MailContent, VarsByKind } from './templates/catalog.js';

/**
 * Admin-edited mail templates (docs/mail-templates.md): a subject and a plain-text body per
 * notice kind and language, with `{{placeholder}}`s for the notice's values. A stored template
 * replaces the built-in text of its kind and language; without one the built-in text stays.
 * Rule templates (`rule.<name>`) are the mails the automation's `sendMail` action sends.
 */

export const MAIL_TEMPLATES_DOCUMENT = 'mail-templates';

/** `rule.<name>`: a template the automation's `sendMail` action names. */
export const RULE_TEMPLATE_PREFIX = 'rule.';
const RULE_TEMPLATE = /^rule\.[a-z0-9][a-z0-9_-]{0,39}$/;
export type RuleTemplateKind = `rule.${string}`;
/** The built-in notices' kinds an admin may replace (`rule` itself is no template: `rule.<name>` are). */
export type NoticeTemplateKind = Exclude<NoticeKind, 'rule'>;
export type TemplateKind = NoticeTemplateKind | RuleTemplateKind;
export const noticeTemplateKinds = noticeKinds.filter((kind): kind is NoticeTemplateKind => kind !== 'rule');

export const isRuleTemplateKind = (kind: string): kind is RuleTemplateKind => RULE_TEMPLATE.test(kind);
export const isTemplateKind = (kind: string): kind is TemplateKind =>
  (noticeTemplateKinds as readonly string[]).includes(kind) || isRuleTemplateKind(kind);

const common = [
  'reference',
  'ticketSubject',
  'recipientName',
  'ticketUrl',
  'priority',
  'queue',
] as const satisfies readonly (keyof CommonVars)[];

/** The placeholders of each kind: exactly the values its built-in template is written from. */
const noticePlaceholders = {
  acknowledgement: [...common, 'summary', 'firstResponseDue', 'resolutionDue'],
  agentReply: [...common, 'agentName', 'body'],
  reminder: [...common, 'clock', 'elapsed', 'dueAt', 'assigneeName'],
  escalation: [...common, 'clock', 'level', 'dueAt', 'assigneeName'],
  requeued: [...common, 'previousAssigneeName'],
  resolutionProposed: [...common, 'agentName', 'solution', 'acceptUrl', 'reopenUrl', 'autoCloseAt'],
  autoClosed: [...common, 'closedAt', 'feedbackUrl'],
  ticketMerged: [...common, 'targetReference', 'targetSubject', 'targetUrl'],
  ticketCreated: [...common, 'requesterName', 'summary'],
  clientReplied: [...common, 'authorName', 'body'],
  ticketReopened: [...common, 'authorName', 'body'],
  ticketAssigned: [...common, 'assignedBy'],
  mentioned: [...common, 'authorName', 'body'],
  rule: [...common, 'status', 'requesterName', 'assigneeName'],
} as const satisfies { [K in NoticeKind]: readonly (keyof VarsByKind[K])[] };

export const placeholdersOf = (kind: TemplateKind | NoticeKind): readonly string[] =>
  isRuleTemplateKind(kind) ? noticePlaceholders.rule : noticePlaceholders[kind as NoticeKind];

export const MAX_SUBJECT = 200;
export const MAX_BODY = 5000;
/** The stored document stays well under DynamoDB's 400 KB item limit. */
export const MAX_DOCUMENT_BYTES = 300_000;

export const TemplateText = z
  .strictObject({
    subject: z.string().trim().min(1, 'A subject is required').max(MAX_SUBJECT),
    body: z.string().trim().min(1, 'A body is required').max(MAX_BODY),
  })
  .meta({ id: 'MailTemplateText' });
export type TemplateText = z.infer<typeof TemplateText>;

export const StoredTemplate = TemplateText.extend({
  /** Counts this template's saves: its ETag. */
  version: z.number().int().positive(),
  updatedAt: z.string(),
  updatedBy: z.object({ id: z.string(), name: z.string(), role: z.string() }),
});
export type StoredTemplate = z.infer<typeof StoredTemplate>;

/**
 * The stored document: `<kind>/<language>` → template; `resets` keeps the version of each
 * template reset to the built-in text, so its versions keep counting up (a save read before the
 * reset stays stale after it).
 */
export const TemplateDocument = z.object({
  templates: z.record(z.string(), StoredTemplate),
  resets: z.record(z.string(), z.number().int().positive()).optional(),
});
export type TemplateDocument = z.infer<typeof TemplateDocument>;

export const templateKey = (kind: TemplateKind, language: MailLanguage) => `${kind}/${language}`;

/** The kind a notice's template is stored under: its kind, or the rule template it names. */
export const templateKindOf = (notice: { kind: NoticeKind; template?: string }): TemplateKind | null => {
  if (notice.kind !== 'rule') return notice.kind;
  return notice.template && isRuleTemplateKind(notice.template) ? notice.template : null;
};

export const MailTemplatePathParams = z.object({
  kind: z
    .string()
    .refine(isTemplateKind, 'A notice kind or rule.<name> (1–40 lowercase letters, digits, - or _)'),
  language: z.enum(mailLanguages),
});

/** Stored templates as the renderer reads them. */
export interface MailTemplates {
  find(kind: TemplateKind, language: MailLanguage): TemplateText | undefined;
}

export const noTemplates: MailTemplates = { find: () => undefined };

/**
 * A built-in notice's template exists per language (the built-in text covers the others). A rule
 * template has no text of its own: the admin's English one, or any they wrote, stands in for a
 * language they did not write.
 */
export const templatesOf = (document: TemplateDocument): MailTemplates => ({
  find: (kind, language) => {
    const exact = document.templates[templateKey(kind, language)];
    if (exact || !isRuleTemplateKind(kind)) return exact;
    return (
      document.templates[templateKey(kind, 'en')] ??
      mailLanguages.map((other) => document.templates[templateKey(kind, other)]).find(Boolean)
    );
  },
});

const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;
const NAME = /^[A-Za-z][A-Za-z0-9]*$/;

type Part = { text: string } | { placeholder: string };

/**
 * Splits a template into text and placeholders. `{{name}}` with an unknown name, a `{{` without
 * its `}}`, a stray `}}` or a name that is no name are errors naming the placeholder.
 */
const parse = (source: string, known: readonly string[], field: 'subject' | 'body'): Part[] => {
  const parts: Part[] = [];
  const fail = (message: string): never => {
    throw new Invalid(`The template's ${field} is invalid: ${message}`, [{ path: field, message }]);
  };
  const literal = (text: string) => {
    if (text.includes('{{')) {
      const rest = text.slice(text.indexOf('{{'));
      fail(`'${rest.slice(0, 40)}' opens a placeholder that is never closed with }}`);
    }
    if (text.includes('}}')) fail(`'}}' closes a placeholder that was never opened`);
    if (text) parts.push({ text });
  };
  let at = 0;
  for (const match of source.matchAll(PLACEHOLDER)) {
    literal(source.slice(at, match.index));
    const name = match[1] ?? '';
    if (!NAME.test(name)) fail(`'${match[0]}' is not a placeholder: write {{name}}`);
    if (!known.includes(name))
      fail(`Unknown placeholder {{${name}}}; this template knows ${known.map((k) => `{{${k}}}`).join(', ')}`);
    parts.push({ placeholder: name });
    at = (match.index ?? 0) + match[0].length;
  }
  literal(source.slice(at));
  return parts;
};

/** Checks a template against its kind's placeholders; Invalid names the field and the placeholder. */
export const validateTemplate = (kind: TemplateKind, text: TemplateText): void => {
  const known = placeholdersOf(kind);
  parse(text.subject, known, 'subject');
  parse(text.body, known, 'body');
};

const fill = (parts: Part[], values: Readonly<Record<string, string>>): string =>
  parts.map((part) => ('text' in part ? part.text : (values[part.placeholder] ?? ''))).join('');

/**
 * A stored template as mail content: the subject filled in on one line, the body filled in and
 * split into paragraphs at blank lines. Values are inserted as plain text; the renderer escapes
 * them for the HTML part and turns web addresses into links.
 */
export const renderTemplate = (
  kind: TemplateKind | NoticeKind,
  text: TemplateText,
  values: Readonly<Record<string, string>>,
): MailContent => {
  const known = placeholdersOf(kind);
  const subject = fill(parse(text.subject, known, 'subject'), values)
    .replace(/\s+/g, ' ')
    .trim();
  const body = fill(parse(text.body, known, 'body'), values).replace(/\r\n?/g, '\n');
  const blocks: Block[] = body
    .split(/\n[ \t]*\n/)
    .map((paragraph) => paragraph.trim())
    .filter(Boolean)
    .map((paragraph) => ({ type: 'text', text: paragraph }));
  return { subject, blocks };
};

/** A template's values as text: absent values are empty, the priority in the mail's language. */
export const placeholderValues = (
  vars: object,
  priorityLabel: (priority: CommonVars['priority']) => string,
): Record<string, string> => {
  const values: Record<string, string> = {};
  for (const [name, value] of Object.entries(vars))
    values[name] = value === null || value === undefined ? '' : String(value);
  if ('priority' in vars) values.priority = priorityLabel((vars as CommonVars).priority);
  return values;
};
