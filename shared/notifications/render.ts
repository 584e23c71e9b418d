import type { Ticket } from '#tickets/schemas.js';
import type { PortalLinks } from './links.js';
import {
  formatBytes,
  formatDateTime,
  formatPercent,
  type MailLanguage,
  type RecipientFormat,
  recipientFormat,
} from './locale.js';
import { type MailTemplates, placeholderValues, renderTemplate, templateKindOf } from './mail-templates.js';
import { type MailFiles, type Notice, staffNoticeKinds } from './notices.js';
import type { Recipient } from './ports.js';
import type { Block, Catalog, CommonVars, MailContent } from './templates/catalog.js';
import { catalogs } from './templates/index.js';

export interface RenderedMail {
  language: MailLanguage;
  /** Always `[reference] …`, on one line. */
  subject: string;
  text: string;
  html: string;
}

export interface RenderContext {
  ticket: Ticket;
  recipient: Recipient;
  links: PortalLinks;
  /** The name of the ticket's queue (the mail shows its id without one). */
  queueName?: string;
  /** Whether a reply to the mail reaches the help desk (inbound mail configured); default true. */
  replyByMail?: boolean;
  /** Admins' stored templates (docs/mail-templates.md); the built-in text where none is stored. */
  templates?: MailTemplates;
}

/** Agent notifications about a client's words: answering the mail answers the client (inbound mail). */
const answerableByMail: ReadonlySet<Notice['kind']> = new Set([
  'ticketCreated',
  'clientReplied',
  'ticketReopened',
]);

/** How much of the description the acknowledgement repeats. */
export const SUMMARY_LENGTH = 600;

const summarise = (text: string, length = SUMMARY_LENGTH): string => {
  const chars = Array.from(text.trim());
  return chars.length <= length ? chars.join('') : `${chars.slice(0, length).join('').trimEnd()}…`;
};

/** Header values must be one line: a newline in a ticket subject must never start a new header. */
const oneLine = (text: string): string => text.replace(/\s+/g, ' ').trim();

const compose = (
  catalog: Catalog,
  notice: Notice,
  common: CommonVars,
  context: RenderContext,
  format: RecipientFormat,
): MailContent => {
  const { ticket, links } = context;
  const date = (iso: string) => formatDateTime(iso, format);
  const assigneeName = ticket.assignee?.name ?? null;
  switch (notice.kind) {
    case 'acknowledgement':
      return catalog.acknowledgement({
        ...common,
        summary: summarise(ticket.description),
        firstResponseDue: ticket.sla.firstResponseDueAt ? date(ticket.sla.firstResponseDueAt) : null,
        resolutionDue: ticket.sla.resolutionDueAt ? date(ticket.sla.resolutionDueAt) : null,
      });
    case 'agentReply':
      if (notice.message.internal) throw new Error('Internal notes are never mailed to the requester');
      return catalog.agentReply({
        ...common,
        agentName: notice.message.author.name,
        body: notice.message.body,
      });
    case 'reminder':
      return catalog.reminder({
        ...common,
        clock: notice.clock,
        elapsed: formatPercent(notice.fraction, format),
        dueAt: date(notice.dueAt),
        assigneeName,
      });
    case 'escalation':
      return catalog.escalation({
        ...common,
        clock: notice.clock,
        level: notice.level,
        dueAt: date(notice.dueAt),
        assigneeName,
      });
    case 'requeued':
      return catalog.requeued({ ...common, previousAssigneeName: notice.previousAssignee?.name ?? null });
    case 'resolutionProposed':
      return catalog.resolutionProposed({
        ...common,
        agentName: assigneeName,
        solution: notice.solution,
        acceptUrl: links.accept(ticket.id),
        reopenUrl: links.reopen(ticket.id),
        autoCloseAt: notice.autoCloseAt ? date(notice.autoCloseAt) : null,
      });
    case 'autoClosed':
      return catalog.autoClosed({
        ...common,
        closedAt: date(notice.closedAt),
        feedbackUrl: links.feedback(ticket.id),
      });
    case 'ticketMerged':
      return catalog.ticketMerged({
        ...common,
        targetReference: notice.into.reference,
        targetSubject: oneLine(notice.into.subject),
        targetUrl: links.ticket(notice.into.id),
      });
    case 'ticketCreated':
      return catalog.ticketCreated({
        ...common,
        requesterName: ticket.requester.name,
        summary: summarise(ticket.description),
      });
    case 'clientReplied':
      return catalog.clientReplied({ ...common, authorName: notice.authorName, body: notice.body });
    case 'ticketReopened':
      return catalog.ticketReopened({ ...common, authorName: notice.authorName, body: notice.body });
    case 'ticketAssigned':
      return catalog.ticketAssigned({ ...common, assignedBy: notice.assignedBy });
    case 'mentioned':
      return catalog.mentioned({ ...common, authorName: notice.authorName, body: notice.body });
    case 'rule':
      return catalog.rule({
        ...common,
        status: ticket.status,
        requesterName: ticket.requester.name,
        assigneeName,
      });
  }
};

/** The files of the message a notice is about (none for notices about no message). */
const filesOf = (notice: Notice): MailFiles => {
  switch (notice.kind) {
    case 'agentReply':
      return notice.message.attachments ?? [];
    case 'acknowledgement':
    case 'ticketCreated':
    case 'resolutionProposed':
    case 'clientReplied':
    case 'ticketReopened':
    case 'mentioned':
      return notice.files ?? [];
    default:
      return [];
  }
};

/**
 * Lists the files after what was written, before the mail's buttons: each name and size with a
 * link to the ticket in the portal, where the recipient may download it (signed in, 5 minutes).
 */
const withFiles = (
  blocks: Block[],
  files: MailFiles,
  catalog: Catalog,
  ticketUrl: string,
  format: RecipientFormat,
): Block[] => {
  if (files.length === 0) return blocks;
  const list: Block = {
    type: 'files',
    title: catalog.files(files.length),
    items: files.map((file) => ({
      name: oneLine(file.fileName),
      size: formatBytes(file.size, format),
      url: ticketUrl,
    })),
  };
  const at = blocks.findIndex((block) => block.type === 'actions');
  return at < 0 ? [...blocks, list] : [...blocks.slice(0, at), list, ...blocks.slice(at)];
};

/**
 * The language's catalog with the stored template, when there is one, in place of the built-in
 * text of the notice's kind: the same values reach it, as placeholders.
 */
const catalogFor = (language: MailLanguage, notice: Notice, templates?: MailTemplates): Catalog => {
  const builtIn = catalogs[language];
  const kind = templateKindOf(notice);
  const stored = kind && templates?.find(kind, language);
  if (!kind || !stored) return builtIn;
  const custom = (vars: object) =>
    renderTemplate(kind, stored, placeholderValues(vars, builtIn.priorityLabel));
  return { ...builtIn, [notice.kind]: custom };
};

/** Renders a notice for one recipient, in their language, dates in their locale and time zone. */
export const renderNotice = (notice: Notice, context: RenderContext): RenderedMail => {
  const { ticket, recipient } = context;
  const format = recipientFormat(recipient.locale, recipient.timeZone);
  const catalog = catalogFor(format.language, notice, context.templates);
  const common: CommonVars = {
    reference: ticket.reference,
    ticketSubject: oneLine(ticket.subject),
    recipientName: oneLine(recipient.name) || recipient.email,
    ticketUrl: context.links.ticket(ticket.id),
    priority: ticket.priority,
    queue: oneLine(context.queueName ?? '') || ticket.queue,
  };
  const content = compose(catalog, notice, common, context, format);
  const blocks = withFiles(content.blocks, filesOf(notice), catalog, common.ticketUrl, format);
  const subject = oneLine(`[${ticket.reference}] ${content.subject}`);
  const replyByMail = context.replyByMail ?? true;
  const forStaff = notice.kind === 'rule' ? notice.to !== 'requester' : staffNoticeKinds.has(notice.kind);
  const footer = forStaff
    ? replyByMail && answerableByMail.has(notice.kind)
      ? `${catalog.replyByMail(common)}\n${catalog.staffFooter(common)}`
      : catalog.staffFooter(common)
    : replyByMail
      ? catalog.footer(common)
      : catalog.staffFooter(common);
  return {
    language: format.language,
    subject,
    text: renderText(blocks, footer),
    html: renderHtml(blocks, footer, subject, format.language),
  };
};

const safeUrl = (url: string): string => {
  if (!/^https?:\/\//i.test(url)) throw new Error(`Refusing to put a non-http link in a mail: ${url}`);
  return url;
};

const textBlock = (block: Block): string => {
  switch (block.type) {
    case 'paragraph':
    case 'text':
    case 'quote':
      return block.text;
    case 'facts':
      return block.items.map(([label, value]) => `${label}: ${value}`).join('\n');
    case 'steps':
      return block.items.map((item, i) => `${i + 1}. ${item}`).join('\n');
    case 'actions':
      return block.links.map((link) => `${link.label}: ${safeUrl(link.url)}`).join('\n');
    case 'files':
      return [
        block.title,
        ...block.items.map((file) => `- ${file.name} (${file.size}): ${safeUrl(file.url)}`),
      ].join('\n');
  }
};

/** Plain text: blocks separated by blank lines, the footer after the usual "-- " signature line. */
export const renderText = (blocks: Block[], footer: string): string =>
  `${blocks.map(textBlock).join('\n\n')}\n\n-- \n${footer}\n`;

/** Escapes text for HTML element content and quoted attribute values alike. */
export const escapeHtml = (text: string): string =>
  text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');

const lines = (text: string) => escapeHtml(text).replace(/\r?\n/g, '<br>\n');

const WEB_ADDRESS = /\bhttps?:\/\/[^\s<>"']+[^\s<>"'.,;:!?)]/gi;

/** Text with its web addresses as links; everything, addresses included, escaped. */
const linkedLines = (text: string): string => {
  let html = '';
  let at = 0;
  for (const match of text.matchAll(WEB_ADDRESS)) {
    const url = match[0];
    html += `${lines(text.slice(at, match.index))}<a href="${escapeHtml(url)}">${escapeHtml(url)}</a>`;
    at = (match.index ?? 0) + url.length;
  }
  return html + lines(text.slice(at));
};

const style = {
  paragraph: 'margin:0 0 16px',
  label: 'text-align:left;vertical-align:top;padding:2px 16px 2px 0;font-weight:600;white-space:nowrap',
  value: 'padding:2px 0',
  quote: 'margin:0 0 16px;padding:12px 16px;border-left:4px solid #d0d7de;background:#f6f8fa',
  button:
    'display:inline-block;margin:0 8px 8px 0;padding:10px 18px;border-radius:4px;background:#0b5cad;color:#ffffff;text-decoration:none;font-weight:600',
  footer: 'margin:24px 0 0;padding-top:12px;border-top:1px solid #d0d7de;font-size:12px;color:#656d76',
};

const htmlBlock = (block: Block): string => {
  switch (block.type) {
    case 'paragraph':
      return `<p style="${style.paragraph}">${lines(block.text)}</p>`;
    case 'text':
      return `<p style="${style.paragraph}">${linkedLines(block.text)}</p>`;
    case 'quote':
      return `<div style="${style.quote}">${lines(block.text)}</div>`;
    case 'facts':
      return `<table role="presentation" style="${style.paragraph};border-collapse:collapse">${block.items
        .map(
          ([label, value]) =>
            `<tr><th scope="row" style="${style.label}">${escapeHtml(label)}</th><td style="${style.value}">${escapeHtml(value)}</td></tr>`,
        )
        .join('')}</table>`;
    case 'steps':
      return `<ol style="${style.paragraph};padding-left:24px">${block.items
        .map((item) => `<li>${escapeHtml(item)}</li>`)
        .join('')}</ol>`;
    case 'files':
      return `<p style="${style.paragraph};margin-bottom:4px">${escapeHtml(block.title)}</p><ul style="${style.paragraph};padding-left:24px">${block.items
        .map(
          (file) =>
            `<li><a href="${escapeHtml(safeUrl(file.url))}">${escapeHtml(file.name)}</a> (${escapeHtml(file.size)})</li>`,
        )
        .join('')}</ul>`;
    case 'actions':
      return `<p style="${style.paragraph}">${block.links
        .map(
          (link) =>
            `<a href="${escapeHtml(safeUrl(link.url))}" style="${style.button}">${escapeHtml(link.label)}</a>`,
        )
        .join(' ')}</p>`;
  }
};

/** Simple, inline-styled HTML that mail clients render alike. Every value is escaped. */
export const renderHtml = (
  blocks: Block[],
  footer: string,
  subject: string,
  language: MailLanguage,
): string =>
  [
    '<!DOCTYPE html>',
    `<html lang="${language}">`,
    '<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(subject)}</title></head>`,
    '<body style="margin:0;padding:24px;background:#ffffff;color:#1f2328;font-family:Arial,Helvetica,sans-serif;font-size:15px;line-height:1.5">',
    '<div style="max-width:600px;margin:0 auto">',
    ...blocks.map(htmlBlock),
    `<p style="${style.footer}">${lines(footer)}</p>`,
    '</div>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
