import * as z from 'zod';
import { createDocument, type ZodOpenApiOperationObject, type ZodOpenApiPathsObject } from 'zod-openapi';
import {
  AttachmentDownload,
  AttachmentList,
  AttachmentPathParams,
  CreateAttachmentBody,
  UploadSlot,
} from '#attachments/attachment.js';
import { RuleDocument } from '#automation/rule.js';
import { RuleTestBody, RuleTestResultSchema } from '#automation/use-cases/test-rules.js';
import {
  CannedPathParams,
  CannedResponse,
  CannedResponseList,
  CannedResponsePatch,
  NewCannedResponse,
  RenderedResponse,
  RenderQuery,
} from '#desk/canned-response.js';
import { PresenceBody, PresenceList } from '#desk/presence.js';
import {
  NewSavedView,
  SavedView,
  SavedViewList,
  SavedViewPatch,
  SavedViewPathParams,
} from '#desk/saved-view.js';
import { DeadLetterPage, DeadLetterPathParams, InboundMailSettings, MailOutcome } from '#email/ports.js';
import { MeResponse, UserList, UsersQuery } from '#functions/identity/schemas.js';
import { AccountPatch, Invitation, Account as StoredAccount, UserPathParams } from '#identity/account.js';
import {
  InvitationBody,
  InvitedAccount,
  LoginBody,
  LoginResponse,
  SetPasswordBody,
  SetPasswordResponse,
} from '#identity/login.js';
import {
  NewOrganisation,
  OrganisationPage,
  OrganisationPatch,
  OrganisationPathParams,
  OrganisationsQuery,
  OrganisationView,
} from '#identity/organisation.js';
import { permissions } from '#identity/permissions.js';
import {
  Article,
  ArticleListQuery,
  ArticlePage,
  ArticlePatch,
  ArticlePathParams,
  ArticlePreview,
  ArticlePreviewRequest,
  ArticleVersions,
  KbSearchQuery,
  KbSearchResults,
  NewArticle,
} from '#kb/article.js';
import {
  MarkReadBody,
  NotificationPage,
  NotificationPreferences,
  NotificationsQuery,
  PreferencesBody,
  UnreadCount,
} from '#notifications/inbox.js';
import { MailTemplatePathParams, TemplateText } from '#notifications/mail-templates.js';
import {
  MailTemplateList,
  MailTemplateView,
  PreviewBody,
  RenderedPreview,
} from '#notifications/use-cases/manage-mail-templates.js';
import { HealthReport } from '#platform/health-schemas.js';
import { NewQueue, Queue, QueuePatch, QueuePathParams } from '#queues/queue.js';
import { AvailabilityBody, AvailabilityResult } from '#queues/use-cases/availability.js';
import {
  AgentsQuery,
  AgentsReport,
  CsatQuery,
  CsatReport,
  ExportQuery,
  Overview,
  ReportQuery,
  TrendsQuery,
  TrendsReport,
} from '#reports/schemas.js';
import { DeflectionBody, DeflectionResult } from '#reports/use-cases/record-deflection.js';
import { SlaCalendar } from '#sla/calendar.js';
import { SlaPolicyDocument } from '#sla/policy.js';
import {
  SlaPolicyChangeBody,
  SlaPolicyHistoryPage,
  SlaPolicyHistoryQuery,
  SlaPolicyPreview,
} from '#sla/policy-change.js';
import { CalendarBody, CalendarPathParams } from '#sla/use-cases/manage-calendars.js';
import { CategoryList } from '#tickets/categories.js';
import {
  EventPage,
  Feedback,
  Message,
  MessagePage,
  TicketPage,
  TicketView,
} from '#tickets/record-schemas.js';
import {
  CreateTicketBody,
  FeedbackBody,
  ListTicketsQuery,
  MergeBody,
  MessageBody,
  MessagePathParams,
  PageQuery,
  PatchTicketBody,
  ReopenBody,
  ResolveBody,
  TicketDeletion,
  TicketPathParams,
} from '#tickets/schemas.js';
import { StatusLabels, StatusList } from '#tickets/status-labels.js';
import { TicketFieldList } from '#tickets/ticket-fields.js';
import { DeliveryPage } from '#webhooks/delivery.js';
import {
  CreatedWebhook,
  NewWebhook,
  WebhookList,
  WebhookPatch,
  WebhookPathParams,
  WebhookView,
} from '#webhooks/webhook.js';
import { HealthProblem, Problem } from './problem-schemas.js';
import { API_PREFIX, type Route, routeName, routes } from './routes.js';

/** The HTTP contract as OpenAPI 3.1, generated from the same zod schemas the handlers validate with. */

/** Response headers, documented once (components.headers) and referenced by the answers that carry them. */
const headerRef = (name: string) => ({ $ref: `#/components/headers/${name}` });
const responseHeaders = {
  'X-Request-Id': {
    description: 'The request id, as in the logs and in a problem body’s `requestId`',
    schema: { type: 'string' as const },
  },
  ETag: { description: 'The resource version, for `If-Match`', schema: { type: 'string' as const } },
  'Idempotent-Replayed': {
    description: '`true` when the answer replays an earlier request with the same `Idempotency-Key`',
    schema: { type: 'string' as const, enum: ['true'] },
  },
  Location: { description: 'Where the created resource answers', schema: { type: 'string' as const } },
  'Retry-After': { description: 'Seconds to wait before retrying', schema: { type: 'integer' as const } },
  RateLimit: {
    description: 'The remaining quota and its reset (IETF RateLimit header fields)',
    schema: { type: 'string' as const },
  },
  'RateLimit-Policy': {
    description: 'The quota policy (IETF RateLimit header fields)',
    schema: { type: 'string' as const },
  },
};
type HeaderName = keyof typeof responseHeaders;
const headers = (...names: HeaderName[]) =>
  Object.fromEntries(['X-Request-Id', ...names].map((name) => [name, headerRef(name)]));

const problem = (description: string, ...extra: HeaderName[]) => ({
  description,
  headers: headers(...extra),
  content: { 'application/problem+json': { schema: Problem } },
});
const ok = (schema: z.ZodType, description = 'OK', ...extra: HeaderName[]) => ({
  description,
  headers: headers(...extra),
  content: { 'application/json': { schema } },
});
/** An answer with a ticket: its version in the ETag. */
const ticketOk = (description = 'The ticket after the change') => ok(TicketView, description, 'ETag');
const notFound = problem('No such ticket (or message) visible to you');
const stale = problem('Stale `If-Match`: the ticket changed since you read it');

const IdempotencyKey = z.object({
  'idempotency-key': z
    .string()
    .optional()
    .meta({ description: 'Same key + same body → the same result, kept 24 h; another body is a 422' }),
});
const body = (schema: z.ZodType, required = true) => ({
  required,
  content: { 'application/json': { schema } },
});

const IfMatch = z.object({
  'if-match': z
    .string()
    .optional()
    .meta({ description: 'The ticket version from its ETag; a stale version is a 412' }),
});

/** The webhook admin routes (docs/webhooks.md). */
const noSuchWebhook = problem('No such webhook');
const webhookIfMatch = z.object({
  'if-match': z
    .string()
    .optional()
    .meta({ description: 'The version from the ETag; a stale version is a 412' }),
});
const webhookOperations: Record<string, ZodOpenApiOperationObject> = {
  'list-webhooks': {
    summary: 'The registered webhooks (never their secrets)',
    tags: ['webhooks'],
    responses: { 200: ok(WebhookList) },
  },
  'create-webhook': {
    summary: 'Register a webhook; the answer carries its signing secret, shown this once',
    tags: ['webhooks'],
    requestBody: body(NewWebhook),
    responses: {
      201: ok(CreatedWebhook, 'Created', 'Location', 'ETag'),
      409: problem('Too many webhooks'),
      413: problem('Body too large'),
      415: problem('Not JSON'),
    },
  },
  'get-webhook': {
    summary: 'One webhook, its state and failure record',
    tags: ['webhooks'],
    requestParams: { path: WebhookPathParams },
    responses: { 200: ok(WebhookView, 'OK', 'ETag'), 404: noSuchWebhook },
  },
  'update-webhook': {
    summary: 'Change a webhook; active: true turns a hook disabled for failing back on',
    tags: ['webhooks'],
    requestParams: { path: WebhookPathParams, header: webhookIfMatch },
    requestBody: body(WebhookPatch),
    responses: {
      200: ok(WebhookView, 'OK', 'ETag'),
      404: noSuchWebhook,
      412: problem('Changed by someone else meanwhile'),
      413: problem('Body too large'),
      415: problem('Not JSON'),
    },
  },
  'delete-webhook': {
    summary: 'Delete a webhook; its pending retries are cancelled',
    tags: ['webhooks'],
    requestParams: { path: WebhookPathParams },
    responses: { 204: { description: 'Deleted', headers: headers() }, 404: noSuchWebhook },
  },
  'list-webhook-deliveries': {
    summary: "A webhook's deliveries, newest first: status, attempts, last answer, next attempt",
    tags: ['webhooks'],
    requestParams: { path: WebhookPathParams, query: PageQuery },
    responses: { 200: ok(DeliveryPage), 404: noSuchWebhook },
  },
};

/** The e-mail channel's admin routes (docs/inbound-mail.md). */
const inboundMailOperations: Record<string, ZodOpenApiOperationObject> = {
  'list-dead-letters': {
    summary:
      'Received mail that could not be processed, oldest first, with the reason (its raw message is kept)',
    tags: ['inbound-mail'],
    requestParams: { query: PageQuery },
    responses: { 200: ok(DeadLetterPage) },
  },
  'retry-dead-letter': {
    summary: 'Process a kept mail again after a fix: it leaves the list when it is processed now',
    tags: ['inbound-mail'],
    requestParams: { path: DeadLetterPathParams },
    responses: {
      200: ok(MailOutcome),
      404: problem('No such mail in the dead-letter list'),
      409: problem('Inbound mail is not set up in this deployment (no inbound-mail function)'),
    },
  },
  'get-inbound-settings': {
    summary: 'What happens to mail from a sender of no known organisation',
    tags: ['inbound-mail'],
    responses: { 200: ok(InboundMailSettings) },
  },
  'put-inbound-settings': {
    summary: 'Choose: `triage` (a ticket in the triage queue) or `reject` (a polite answer, no ticket)',
    tags: ['inbound-mail'],
    requestBody: body(InboundMailSettings),
    responses: { 200: ok(InboundMailSettings), 413: problem('Body too large'), 415: problem('Not JSON') },
  },
};

/** Attachments (docs/attachments.md): the bytes go to and come from presigned S3 URLs, never through the API. */
const noSuchAttachment = problem('No such ticket or attachment visible to you');
const attachmentOperations: Record<string, ZodOpenApiOperationObject> = {
  'create-attachment': {
    summary: 'An upload slot: PUT the bytes to `upload.url` with `upload.headers` within 5 minutes',
    tags: ['attachments'],
    requestParams: { path: TicketPathParams },
    requestBody: body(CreateAttachmentBody),
    responses: {
      201: ok(UploadSlot, 'Created: the attachment is pending until its upload is verified', 'Location'),
      404: noSuchAttachment,
      413: problem('Larger than a file may be (`errors` names `size`)'),
      415: problem('Not JSON'),
    },
  },
  'list-attachments': {
    summary: "The ticket's attachments you may see (clients never see those of internal notes)",
    tags: ['attachments'],
    requestParams: { path: TicketPathParams },
    responses: { 200: ok(AttachmentList), 404: noSuchAttachment },
  },
  'get-attachment': {
    summary: 'A download link for a verified file, presigned for 5 minutes',
    tags: ['attachments'],
    requestParams: { path: AttachmentPathParams },
    responses: {
      200: ok(AttachmentDownload),
      404: noSuchAttachment,
      409: problem('Not uploaded and verified yet, or rejected (the detail says why)'),
    },
  },
};

/** The agent's desk (docs/desk.md): canned responses and presence. */
const noSuchCanned = problem('No such canned response (another agent’s personal ones are never visible)');
const deskOperations: Record<string, ZodOpenApiOperationObject> = {
  'list-canned-responses': {
    summary: 'The shared canned responses and my personal ones',
    tags: ['desk'],
    responses: { 200: ok(CannedResponseList) },
  },
  'create-canned-response': {
    summary: 'Write a canned response: personal, or shared (leads and admins)',
    tags: ['desk'],
    requestBody: body(NewCannedResponse),
    responses: {
      201: ok(CannedResponse, 'Created', 'Location', 'ETag'),
      409: problem('Too many canned responses'),
      413: problem('Body too large'),
      415: problem('Not JSON'),
    },
  },
  'get-canned-response': {
    summary: 'One canned response: shared, or one of mine',
    tags: ['desk'],
    requestParams: { path: CannedPathParams },
    responses: { 200: ok(CannedResponse, 'OK', 'ETag'), 404: noSuchCanned },
  },
  'update-canned-response': {
    summary: 'Change a canned response (shared: leads and admins; personal: its owner)',
    tags: ['desk'],
    requestParams: { path: CannedPathParams, header: webhookIfMatch },
    requestBody: body(CannedResponsePatch),
    responses: {
      200: ok(CannedResponse, 'OK', 'ETag'),
      404: noSuchCanned,
      412: problem('Stale `If-Match`'),
      413: problem('Body too large'),
      415: problem('Not JSON'),
    },
  },
  'delete-canned-response': {
    summary: 'Delete a canned response (shared: leads and admins; personal: its owner)',
    tags: ['desk'],
    requestParams: { path: CannedPathParams },
    responses: { 204: { description: 'Deleted', headers: headers() }, 404: noSuchCanned },
  },
  'list-saved-views': {
    summary: 'The shared saved views and my own, shared first, each by name',
    tags: ['desk'],
    responses: { 200: ok(SavedViewList) },
  },
  'create-saved-view': {
    summary: 'Save the queue page’s filters and sort as a view: personal, or shared (leads and admins)',
    tags: ['desk'],
    requestBody: body(NewSavedView),
    responses: {
      201: ok(SavedView, 'Created', 'Location', 'ETag'),
      409: problem('Too many views'),
      413: problem('Body too large'),
      415: problem('Not JSON'),
    },
  },
  'update-saved-view': {
    summary: 'Change a view (shared: leads and admins; personal: its owner)',
    tags: ['desk'],
    requestParams: { path: SavedViewPathParams, header: webhookIfMatch },
    requestBody: body(SavedViewPatch),
    responses: {
      200: ok(SavedView, 'OK', 'ETag'),
      404: problem('No such view (another person’s are never visible)'),
      412: problem('Stale `If-Match`'),
      413: problem('Body too large'),
      415: problem('Not JSON'),
    },
  },
  'delete-saved-view': {
    summary: 'Delete a view (shared: leads and admins; personal: its owner)',
    tags: ['desk'],
    requestParams: { path: SavedViewPathParams, header: webhookIfMatch },
    responses: {
      204: { description: 'Deleted', headers: headers() },
      404: problem('No such view (another person’s are never visible)'),
      412: problem('Stale `If-Match`'),
    },
  },
  'render-canned-response': {
    summary: 'The canned response with its placeholders filled for a ticket',
    description:
      'Placeholders: `{{requester.name}}`, `{{ticket.reference}}`, `{{ticket.subject}}`, `{{agent.name}}`; any other is a 400 naming it.',
    tags: ['desk'],
    requestParams: { path: CannedPathParams, query: RenderQuery },
    responses: { 200: ok(RenderedResponse), 404: problem('No such canned response or ticket') },
  },
  'merge-ticket': {
    summary: 'Merge this ticket into another: it becomes `merged`, its conversation continues there',
    tags: ['tickets'],
    requestParams: { path: TicketPathParams, header: IfMatch },
    requestBody: body(MergeBody),
    responses: {
      200: ticketOk('The merged ticket, with `mergedInto`'),
      404: notFound,
      409: problem(
        'Already merged or final, the target is merged, closed or another organisation’s, or too long to merge',
      ),
      412: stale,
      413: problem('Body too large'),
      415: problem('Not JSON'),
    },
  },
  'put-presence': {
    summary: 'Heartbeat: I am viewing or replying to this ticket (lasts 30 s)',
    tags: ['desk'],
    requestParams: { path: TicketPathParams },
    requestBody: body(PresenceBody),
    responses: {
      204: { description: 'Recorded', headers: headers() },
      404: notFound,
      413: problem('Body too large'),
      415: problem('Not JSON'),
    },
  },
  'get-presence': {
    summary: 'Who else is viewing or replying to this ticket (heartbeat within 30 s)',
    tags: ['desk'],
    requestParams: { path: TicketPathParams },
    responses: { 200: ok(PresenceList), 404: notFound },
  },
};

/** The knowledge base (docs/kb.md). */
const noSuchArticle = problem(
  'No such article (drafts and internal articles do not exist for anonymous readers and clients)',
);
const kbOperations: Record<string, ZodOpenApiOperationObject> = {
  'list-articles': {
    summary: 'Knowledge-base articles: published public ones, or for staff every one',
    tags: ['kb'],
    requestParams: { query: ArticleListQuery },
    responses: { 200: ok(ArticlePage) },
  },
  'create-article': {
    summary: 'Write an article (agents: drafts only)',
    tags: ['kb'],
    requestBody: body(NewArticle),
    responses: {
      201: ok(Article, 'Created', 'Location', 'ETag'),
      413: problem('Body too large'),
      415: problem('Not JSON'),
    },
  },
  'get-article': {
    summary: 'One article, its body rendered as sanitized HTML',
    tags: ['kb'],
    requestParams: { path: ArticlePathParams },
    responses: { 200: ok(Article, 'OK', 'ETag'), 404: noSuchArticle },
  },
  'update-article': {
    summary: 'Change an article (a new version; agents: drafts only)',
    tags: ['kb'],
    requestParams: { path: ArticlePathParams, header: webhookIfMatch },
    requestBody: body(ArticlePatch),
    responses: {
      200: ok(Article, 'OK', 'ETag'),
      404: noSuchArticle,
      412: problem('Stale `If-Match`'),
      413: problem('Body too large'),
      415: problem('Not JSON'),
    },
  },
  'delete-article': {
    summary: 'Delete an article (leads and admins; recorded as its last version)',
    tags: ['kb'],
    requestParams: { path: ArticlePathParams, header: webhookIfMatch },
    responses: {
      204: { description: 'Deleted', headers: headers() },
      404: noSuchArticle,
      412: problem('Stale `If-Match`'),
    },
  },
  'list-article-versions': {
    summary: 'Every change of an article with its author and time, newest first',
    tags: ['kb'],
    requestParams: { path: ArticlePathParams },
    responses: { 200: ok(ArticleVersions), 404: noSuchArticle },
  },
  'preview-article': {
    summary: 'Render Markdown as a saved article would be (staff; writes nothing)',
    tags: ['kb'],
    requestBody: body(ArticlePreviewRequest),
    responses: { 200: ok(ArticlePreview), 413: problem('Body too large'), 415: problem('Not JSON') },
  },
  'record-deflection': {
    summary: 'A client read a suggested article and opened no ticket: counted once per session key',
    tags: ['kb'],
    requestBody: body(DeflectionBody),
    responses: {
      200: ok(DeflectionResult),
      413: problem('Body too large'),
      415: problem('Not JSON'),
      429: problem(
        'More than 20 deflections today, or too many requests (the per-caller limit)',
        'Retry-After',
        'RateLimit',
        'RateLimit-Policy',
      ),
    },
  },
  'search-articles': {
    summary: 'Search published articles: public ones without a token, internal ones too for staff',
    tags: ['kb'],
    requestParams: { query: KbSearchQuery },
    responses: { 200: ok(KbSearchResults) },
  },
};

/** Reports (docs/reports.md): leads and admins; an agent its own figures with `agent=me`. */
const reportsOnly = problem('Not a lead or admin (an agent may ask only `agent=me`)');
const reportOperations: Record<string, ZodOpenApiOperationObject> = {
  'get-overview': {
    summary: 'Volumes, first-response and resolution times, SLA compliance, CSAT and their series',
    tags: ['reports'],
    requestParams: { query: ReportQuery },
    responses: { 200: ok(Overview), 403: reportsOnly },
  },
  'get-agents': {
    summary: 'One row per agent, ranked among those with at least `minTickets` resolved',
    tags: ['reports'],
    requestParams: { query: AgentsQuery },
    responses: { 200: ok(AgentsReport), 403: reportsOnly },
  },
  'get-csat': {
    summary: 'Ratings with their comments, newest first',
    tags: ['reports'],
    requestParams: { query: CsatQuery },
    responses: { 200: ok(CsatReport), 403: reportsOnly },
  },
  'get-trends': {
    summary: 'Topics rising significantly in the recent window against the baseline (G-test score)',
    tags: ['reports'],
    requestParams: { query: TrendsQuery },
    responses: { 200: ok(TrendsReport), 403: reportsOnly },
  },
  'export-csv': {
    summary: 'A report as CSV (RFC 4180, UTF-8 with BOM, header row)',
    tags: ['reports'],
    requestParams: { query: ExportQuery },
    responses: {
      200: { description: 'CSV', headers: headers(), content: { 'text/csv': { schema: z.string() } } },
      403: reportsOnly,
    },
  },
};

/** Routing and administration (docs/routing.md, docs/admin.md). */
const ifMatch = {
  header: z.object({
    'if-match': z
      .string()
      .optional()
      .meta({ description: 'The version from the ETag; a stale one is a 412' }),
  }),
};
const adminOperations: Record<string, ZodOpenApiOperationObject> = {
  'create-queue': {
    summary: 'Create a queue with members, escalation and auto-assignment; audited',
    tags: ['queues'],
    requestBody: body(NewQueue),
    responses: { 201: ok(Queue, 'Created', 'ETag'), 409: problem('A queue of this id exists') },
  },
  'get-queue': {
    summary: 'One queue with its counts; the ETag carries its version',
    tags: ['queues'],
    requestParams: { path: QueuePathParams },
    responses: { 200: ok(Queue, 'OK', 'ETag'), 404: problem('No such queue') },
  },
  'update-queue': {
    summary:
      'Change a queue (members, escalation, auto-assign mode, required skills); audited before → after',
    tags: ['queues'],
    requestParams: { path: QueuePathParams, ...ifMatch },
    requestBody: body(QueuePatch),
    responses: {
      200: ok(Queue, 'OK', 'ETag'),
      404: problem('No such queue'),
      412: problem('Changed by someone else meanwhile'),
    },
  },
  'put-availability': {
    summary: 'Whether auto-assignment gives me tickets; becoming available hands me waiting ones',
    tags: ['queues'],
    requestBody: body(AvailabilityBody),
    responses: { 200: ok(AvailabilityResult) },
  },
  'invite-user': {
    summary: 'Invite a person: the account, and a mail to set a password (Cognito in the cloud)',
    tags: ['identity'],
    requestBody: body(Invitation),
    responses: {
      201: ok(StoredAccount, 'Created', 'ETag'),
      409: problem('An account with this e-mail exists'),
    },
  },
  'update-user': {
    summary: "Change an account (admins); a lead changes skills and capacity of their queues' members",
    tags: ['identity'],
    requestParams: { path: UserPathParams, ...ifMatch },
    requestBody: body(AccountPatch),
    responses: {
      200: ok(StoredAccount, 'OK', 'ETag'),
      404: problem('No such user'),
      412: problem('Changed by someone else meanwhile'),
    },
  },
  'list-organisations': {
    summary: 'The client organisations with their domains, default queue and what their clients may set',
    tags: ['identity'],
    requestParams: { query: OrganisationsQuery },
    responses: { 200: ok(OrganisationPage) },
  },
  'create-organisation': {
    summary: 'Create an organisation; a domain of another organisation is a 400',
    tags: ['identity'],
    requestBody: body(NewOrganisation),
    responses: {
      201: ok(OrganisationView, 'Created', 'ETag'),
      409: problem('An organisation of this id exists'),
    },
  },
  'update-organisation': {
    summary: 'Change an organisation (name, domains, default queue, clientMay); audited before → after',
    tags: ['identity'],
    requestParams: { path: OrganisationPathParams, ...ifMatch },
    requestBody: body(OrganisationPatch),
    responses: {
      200: ok(OrganisationView, 'OK', 'ETag'),
      404: problem('No such organisation'),
      412: problem('Changed by someone else meanwhile'),
    },
  },
  'set-password': {
    summary: 'Set the password of an invited account with the token of its mail (local runtime only)',
    tags: ['identity'],
    requestBody: body(SetPasswordBody),
    responses: { 200: ok(SetPasswordResponse, 'The password is set; the link works no more') },
  },
  'read-invitation': {
    summary: 'Whose password an invitation link sets, while it works (local runtime only)',
    description:
      'Reads nothing but the invitation: a used, expired or unknown token is a 400 naming `token`, as on set-password.',
    tags: ['identity'],
    requestBody: body(InvitationBody),
    responses: { 200: ok(InvitedAccount) },
  },
};

/** If-Match of one mail template: its own version, not the document's. */
const TemplateIfMatch = z.object({
  'if-match': z.string().optional().meta({
    description: "The template's version from the list or the last save; a stale one is a 412",
  }),
});

/** Deleting a ticket (docs/api.md): 202, the remains are erased by the change stream. */
const ticketErasureOperations: Record<string, ZodOpenApiOperationObject> = {
  'delete-ticket': {
    summary: 'Delete a ticket (spam, erasure): gone from every read at once, its remains erased after',
    description:
      'Leads and admins. The ticket leaves every list, count, search and lookup at once; its messages, history, files and search entries are erased by the change stream (`status` says whether that is done). Repeating it answers the same. A client of its organisation gets 403, anyone else who cannot see it 404. Report figures keep the ticket.',
    tags: ['tickets'],
    requestParams: { path: TicketPathParams, header: IfMatch },
    responses: {
      202: ok(TicketDeletion, 'Deleted; the remains are being erased'),
      404: notFound,
      409: problem('Other changes kept the ticket busy: retry'),
      412: stale,
    },
  },
};

const operations: Record<string, ZodOpenApiOperationObject> = {
  ...ticketErasureOperations,
  ...attachmentOperations,
  ...reportOperations,
  ...deskOperations,
  ...adminOperations,
  ...kbOperations,
  ...inboundMailOperations,
  health: {
    summary: 'Health of each dependency (table, scheduler, mail)',
    tags: ['platform'],
    responses: {
      200: ok(HealthReport),
      503: {
        description: 'A dependency is down',
        headers: headers(),
        content: { 'application/problem+json': { schema: HealthProblem } },
      },
    },
  },
  openapi: {
    summary: 'This document',
    tags: ['platform'],
    responses: { 200: ok(z.object({}).passthrough()) },
  },
  login: {
    summary: 'Sign in (local runtime only; Cognito in the cloud)',
    tags: ['identity'],
    requestBody: body(LoginBody),
    responses: {
      200: ok(LoginResponse),
      401: problem('Wrong e-mail or password'),
    },
  },
  token: {
    tags: ['identity'],
    summary: 'Integrator token, OAuth2 client credentials (local runtime only; Cognito in the cloud)',
    description: 'Errors follow RFC 6749 §5.2 ({ error, error_description }), not problem+json.',
    requestBody: {
      content: {
        'application/x-www-form-urlencoded': {
          schema: z.object({
            grant_type: z.literal('client_credentials'),
            client_id: z.string().optional(),
            client_secret: z.string().optional(),
            scope: z.string().optional(),
          }),
        },
      },
    },
    responses: {
      200: ok(
        z.object({
          access_token: z.string(),
          token_type: z.literal('Bearer'),
          expires_in: z.int(),
          scope: z.string(),
        }),
      ),
      400: ok(
        z.object({ error: z.string(), error_description: z.string() }),
        'invalid_request, unsupported_grant_type, invalid_scope',
      ),
      401: ok(
        z.object({ error: z.literal('invalid_client'), error_description: z.string() }),
        'invalid_client',
      ),
    },
  },
  me: { summary: 'Who am I', tags: ['identity'], responses: { 200: ok(MeResponse) } },
  'create-ticket': {
    summary: 'Open a ticket',
    tags: ['tickets'],
    requestParams: { header: IdempotencyKey },
    requestBody: body(CreateTicketBody),
    responses: {
      201: ok(
        TicketView,
        'Created (or replayed for a repeated Idempotency-Key)',
        'Location',
        'ETag',
        'Idempotent-Replayed',
      ),
      413: problem('Body too large'),
      415: problem('Not JSON'),
      422: problem('Idempotency-Key reused with another body'),
    },
  },
  'list-tickets': {
    summary: 'List tickets (clients: their organisation only)',
    tags: ['tickets'],
    requestParams: { query: ListTicketsQuery },
    responses: { 200: ok(TicketPage) },
  },
  'get-ticket': {
    summary: 'One ticket; ETag carries its version',
    tags: ['tickets'],
    requestParams: { path: TicketPathParams },
    responses: { 200: ticketOk('The ticket'), 404: notFound },
  },
  'patch-ticket': {
    summary: 'Change status, priority, queue, assignee, category, tags; move a triage ticket (orgId)',
    tags: ['tickets'],
    requestParams: { path: TicketPathParams, header: IfMatch },
    requestBody: body(PatchTicketBody),
    responses: {
      200: ticketOk(),
      404: notFound,
      409: problem('Illegal transition, or orgId on a ticket not in triage'),
      412: stale,
      413: problem('Body too large'),
      415: problem('Not JSON'),
    },
  },
  'post-message': {
    summary: 'Reply, or add an internal note (staff)',
    tags: ['messages'],
    requestParams: { path: TicketPathParams, header: IfMatch.extend(IdempotencyKey.shape) },
    requestBody: body(MessageBody),
    responses: {
      201: ok(
        Message,
        'Created (or replayed for a repeated Idempotency-Key); the ETag is the ticket version',
        'Location',
        'ETag',
        'Idempotent-Replayed',
      ),
      404: notFound,
      409: problem('The ticket is closed: open a new one'),
      412: stale,
      413: problem('Body too large'),
      415: problem('Not JSON'),
      422: problem('Idempotency-Key reused with another body'),
    },
  },
  'get-message': {
    summary: 'One message (clients never see internal notes)',
    tags: ['messages'],
    requestParams: { path: MessagePathParams },
    responses: { 200: ok(Message), 404: notFound },
  },
  'list-messages': {
    summary: 'The conversation (clients never see internal notes)',
    tags: ['messages'],
    requestParams: { path: TicketPathParams, query: PageQuery },
    responses: { 200: ok(MessagePage), 404: notFound },
  },
  'list-events': {
    summary: 'The history: every change, who, when, before → after',
    tags: ['tickets'],
    requestParams: { path: TicketPathParams, query: PageQuery },
    responses: { 200: ok(EventPage), 404: notFound },
  },
  'resolve-ticket': {
    summary: 'Propose the solution',
    tags: ['tickets'],
    requestParams: { path: TicketPathParams, header: IfMatch },
    requestBody: body(ResolveBody, false),
    responses: {
      200: ticketOk(),
      404: notFound,
      409: problem('Not in a state that can be resolved'),
      412: stale,
      413: problem('Body too large'),
      415: problem('Not JSON'),
    },
  },
  'accept-ticket': {
    summary: 'Accept the solution (closes the ticket)',
    tags: ['tickets'],
    requestParams: { path: TicketPathParams, header: IfMatch },
    responses: { 200: ticketOk(), 404: notFound, 409: problem('No solution proposed'), 412: stale },
  },
  'reopen-ticket': {
    summary: 'Reject the solution (back to open, clocks resume)',
    tags: ['tickets'],
    requestParams: { path: TicketPathParams, header: IfMatch },
    requestBody: body(ReopenBody, false),
    responses: {
      200: ticketOk(),
      404: notFound,
      409: problem('No solution proposed'),
      412: stale,
      413: problem('Body too large'),
      415: problem('Not JSON'),
    },
  },
  'give-feedback': {
    summary: 'Rate the service once the ticket is resolved or closed',
    tags: ['tickets'],
    requestParams: { path: TicketPathParams },
    requestBody: body(FeedbackBody),
    responses: {
      201: ok(Feedback, 'Created'),
      404: notFound,
      409: problem('Already given, or not resolved yet'),
      413: problem('Body too large'),
      415: problem('Not JSON'),
    },
  },
  'list-queues': {
    summary: 'Queues with ticket counts per status',
    tags: ['queues'],
    responses: { 200: ok(z.object({ items: z.array(Queue) })) },
  },
  'get-sla-policies': {
    summary: 'The ordered SLA policies (the first matching one applies); ETag carries their version',
    tags: ['sla'],
    responses: { 200: ok(SlaPolicyDocument, 'OK', 'ETag') },
  },
  'put-sla-policies': {
    summary: 'Replace the whole ordered list of SLA policies; every change is recorded',
    tags: ['sla'],
    requestParams: {
      header: z.object({
        'if-match': z
          .string()
          .optional()
          .meta({ description: 'The version from the ETag of GET; a stale version is a 412' }),
      }),
    },
    requestBody: body(SlaPolicyChangeBody),
    responses: {
      200: ok(SlaPolicyDocument, 'OK', 'ETag'),
      412: problem('Saved by someone else meanwhile'),
      413: problem('Body too large'),
      415: problem('Not JSON'),
    },
  },
  'preview-sla-policies': {
    summary: 'What saving this list with applyTo "open" would do to the open tickets; saves nothing',
    tags: ['sla'],
    requestBody: body(SlaPolicyChangeBody),
    responses: { 200: ok(SlaPolicyPreview), 413: problem('Body too large'), 415: problem('Not JSON') },
  },
  'sla-policy-history': {
    summary:
      'Saved versions of the SLA policies, newest first: who, when, whom it applied to, before → after',
    tags: ['sla'],
    requestParams: { query: SlaPolicyHistoryQuery },
    responses: { 200: ok(SlaPolicyHistoryPage) },
  },
  'list-calendars': {
    summary: 'SLA calendars (the built-in 24x7 first), each with its version',
    tags: ['sla'],
    responses: { 200: ok(z.object({ items: z.array(SlaCalendar.extend({ version: z.int() })) })) },
  },
  'get-calendar': {
    summary: 'One SLA calendar in the shape the engine stores; ETag carries its version',
    tags: ['sla'],
    requestParams: { path: CalendarPathParams },
    responses: { 200: ok(SlaCalendar, 'OK', 'ETag'), 404: problem('No such calendar') },
  },
  'put-calendar': {
    summary:
      'Create or replace an SLA calendar (admins); overlapping shifts are a 400; every change is audited',
    tags: ['sla'],
    requestParams: {
      path: CalendarPathParams,
      header: z.object({
        'if-match': z
          .string()
          .optional()
          .meta({ description: 'The version from the ETag of GET; a stale one is a 412' }),
      }),
    },
    requestBody: body(CalendarBody),
    responses: {
      200: ok(SlaCalendar, 'OK', 'ETag'),
      412: problem('Saved by someone else meanwhile'),
      413: problem('Body too large'),
      415: problem('Not JSON'),
    },
  },
  'get-categories': {
    summary: 'Ticket categories with their names in en/de/pl/et; ETag carries their version',
    tags: ['tickets'],
    responses: { 200: ok(CategoryList, 'OK', 'ETag') },
  },
  'put-categories': {
    summary: 'Replace the ticket categories (admins); every change is audited',
    tags: ['tickets'],
    requestParams: {
      header: z.object({
        'if-match': z
          .string()
          .optional()
          .meta({ description: 'The version from the ETag of GET; a stale one is a 412' }),
      }),
    },
    requestBody: body(CategoryList),
    responses: {
      200: ok(CategoryList, 'OK', 'ETag'),
      412: problem('Saved by someone else meanwhile'),
      413: problem('Body too large'),
      415: problem('Not JSON'),
    },
  },
  'get-ticket-fields': {
    summary: 'The custom ticket field definitions; ETag carries their version',
    tags: ['tickets'],
    responses: { 200: ok(TicketFieldList, 'OK', 'ETag') },
  },
  'put-ticket-fields': {
    summary: 'Replace the custom ticket field definitions (admins); every change is audited',
    tags: ['tickets'],
    requestParams: {
      header: z.object({
        'if-match': z
          .string()
          .optional()
          .meta({ description: 'The version from the ETag of GET; a stale one is a 412' }),
      }),
    },
    requestBody: body(TicketFieldList),
    responses: {
      200: ok(TicketFieldList, 'OK', 'ETag'),
      412: problem('Saved by someone else meanwhile'),
      413: problem('Body too large'),
      415: problem('Not JSON'),
    },
  },
  'get-statuses': {
    summary: 'The ticket statuses with the labels admins gave them per language; ETag carries their version',
    tags: ['tickets'],
    responses: { 200: ok(StatusList, 'OK', 'ETag') },
  },
  'put-statuses': {
    summary: 'Rename statuses per language (labels only; admins); every change is audited',
    tags: ['tickets'],
    requestParams: {
      header: z.object({
        'if-match': z
          .string()
          .optional()
          .meta({ description: 'The version from the ETag of GET; a stale one is a 412' }),
      }),
    },
    requestBody: body(StatusLabels),
    responses: {
      200: ok(StatusList, 'OK', 'ETag'),
      412: problem('Saved by someone else meanwhile'),
      413: problem('Body too large'),
      415: problem('Not JSON'),
    },
  },
  'list-mail-templates': {
    summary:
      'Every notice kind × language and the rule templates: whether customised, its placeholders, the stored text',
    tags: ['notifications'],
    responses: { 200: ok(MailTemplateList) },
  },
  'put-mail-template': {
    summary:
      'Store the template of a notice kind (or rule.<name>) in a language (admins); an unknown placeholder is a 400; audited',
    tags: ['notifications'],
    requestParams: {
      path: MailTemplatePathParams,
      header: TemplateIfMatch,
    },
    requestBody: body(TemplateText),
    responses: {
      200: ok(MailTemplateView, 'OK', 'ETag'),
      404: problem('No such template kind or language'),
      412: problem('Saved by someone else meanwhile'),
      413: problem('Body too large'),
      415: problem('Not JSON'),
    },
  },
  'preview-mail-template': {
    summary:
      'Render a sample notice with the given template (or the stored one, or the built-in text); writes nothing',
    tags: ['notifications'],
    requestParams: { path: MailTemplatePathParams },
    requestBody: body(PreviewBody, false),
    responses: {
      200: ok(RenderedPreview),
      404: problem('No such template kind or language'),
      413: problem('Body too large'),
      415: problem('Not JSON'),
    },
  },
  'reset-mail-template': {
    summary:
      'Bring back the built-in text of a notice kind (or rule.<name>) in a language (admins); audited; already built-in: nothing written',
    tags: ['notifications'],
    requestParams: {
      path: MailTemplatePathParams,
      header: TemplateIfMatch,
    },
    responses: {
      200: ok(MailTemplateView, 'OK', 'ETag'),
      404: problem('No such template kind or language'),
      412: problem('Saved by someone else meanwhile'),
    },
  },
  'get-rules': {
    summary: 'The ordered automation rules; ETag carries their version',
    tags: ['automation'],
    responses: { 200: ok(RuleDocument, 'OK', 'ETag') },
  },
  'put-rules': {
    summary: 'Replace the whole ordered list of automation rules; every change is audited',
    tags: ['automation'],
    requestParams: {
      header: z.object({
        'if-match': z
          .string()
          .optional()
          .meta({ description: 'The version from the ETag of GET; a stale one is a 412' }),
      }),
    },
    requestBody: body(RuleDocument),
    responses: {
      200: ok(RuleDocument, 'OK', 'ETag'),
      412: problem('Saved by someone else meanwhile'),
      413: problem('Body too large'),
      415: problem('Not JSON'),
    },
  },
  'test-rules': {
    summary: 'Which rules would fire on this ticket and what they would change; writes nothing',
    tags: ['automation'],
    requestBody: body(RuleTestBody),
    responses: { 200: ok(RuleTestResultSchema), 413: problem('Body too large'), 415: problem('Not JSON') },
  },
  'list-users': {
    summary: 'Staff directory for assignment',
    tags: ['identity'],
    requestParams: { query: UsersQuery },
    responses: { 200: ok(UserList) },
  },
  ...webhookOperations,
  'list-notifications': {
    summary: 'My notifications, newest first, with the unread count',
    tags: ['notifications'],
    requestParams: { query: NotificationsQuery },
    responses: { 200: ok(NotificationPage) },
  },
  'mark-notifications-read': {
    summary: 'Mark notifications read: some by id, or all',
    tags: ['notifications'],
    requestBody: body(MarkReadBody),
    responses: {
      200: ok(UnreadCount, 'The unread count after the change'),
      409: problem('The inbox changed meanwhile: try again'),
      413: problem('Body too large'),
      415: problem('Not JSON'),
    },
  },
  'get-preferences': {
    summary: 'Which notifications I also get by mail',
    tags: ['notifications'],
    responses: { 200: ok(NotificationPreferences) },
  },
  'put-preferences': {
    summary: 'Choose which notifications I also get by mail (a kind left out is mailed)',
    tags: ['notifications'],
    requestBody: body(PreferencesBody),
    responses: {
      200: ok(NotificationPreferences),
      413: problem('Body too large'),
      415: problem('Not JSON'),
    },
  },
};

const everyRoute = {
  400: problem('Invalid input: `errors` names each field'),
  429: problem(
    'Too many requests: retry after the given number of seconds',
    'Retry-After',
    'RateLimit',
    'RateLimit-Policy',
  ),
  500: problem('Server error (carries a request id)'),
};
const signedInOnly = {
  401: problem('Not signed in'),
  403: problem('Not allowed for your role'),
};

/** Integrator scopes as Cognito names them in client-credentials tokens. */
const oauthScope = (scope: string) => `helpdesk/${scope}`;

const operationFor = (route: Route): ZodOpenApiOperationObject => {
  const operation = operations[routeName(route)] ?? {
    summary: routeName(route),
    responses: { 200: ok(z.unknown()) },
  };
  const rule = permissions[route.action];
  const who = rule.public
    ? 'anyone'
    : [...rule.roles, ...rule.scopes.map((scope) => `scope ${oauthScope(scope)}`)].join(', ');
  const security: Record<string, string[]>[] = rule.public
    ? []
    : [
        ...(rule.roles.length ? [{ bearer: [] }] : []),
        ...(rule.scopes.length ? [{ oauth2: rule.scopes.map(oauthScope) }] : []),
      ];
  return {
    operationId: routeName(route),
    description: `Allowed: ${who}.${route.localOnly ? ' Local runtime only.' : ''}`,
    security,
    ...operation,
    responses: { ...everyRoute, ...(rule.public ? {} : signedInOnly), ...operation.responses },
  };
};

export const openApiDocument = () => {
  const paths: ZodOpenApiPathsObject = {};
  for (const route of routes) {
    const path = `${API_PREFIX}${route.path}`;
    paths[path] = { ...(paths[path] ?? {}), [route.method.toLowerCase()]: operationFor(route) };
  }
  return createDocument({
    openapi: '3.1.0',
    info: {
      title: 'Help desk API',
      version: '1.0.0',
      description:
        'Tickets with SLA clocks. Every error is RFC 9457 application/problem+json. Send `Authorization: Bearer <token>`: a user’s JWT, or an integration’s client-credentials access token.',
      license: { name: 'Proprietary', url: 'https://helpdesk.example/license' },
    },
    servers: [{ url: '/', description: 'This deployment (the API lives under /api/v1)' }],
    tags: [
      { name: 'platform', description: 'Health and this document' },
      { name: 'identity', description: 'Who is calling, sign-in, the staff directory' },
      { name: 'tickets', description: 'Tickets, their state changes and history' },
      { name: 'messages', description: 'The conversation on a ticket' },
      { name: 'attachments', description: 'Files on a ticket, through presigned S3 URLs' },
      { name: 'queues', description: 'Queues and their counts' },
      { name: 'sla', description: 'SLA policies' },
      { name: 'automation', description: 'Automation rules (docs/automation.md)' },
      { name: 'webhooks', description: 'Signed HTTP callbacks on ticket events, for integrators' },
      { name: 'notifications', description: 'Agent notifications and their mail preferences' },
      { name: 'desk', description: 'The agent’s desk: canned responses and presence on a ticket' },
      { name: 'inbound-mail', description: 'The e-mail channel: mail that could not be processed, settings' },
      { name: 'reports', description: 'Reports from pre-aggregated figures (docs/reports.md)' },
      { name: 'kb', description: 'The knowledge base: articles, their versions, search and deflections' },
    ],
    components: {
      securitySchemes: {
        bearer: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description: 'A signed-in user (Cognito ID token; the local login locally)',
        },
        oauth2: {
          type: 'oauth2',
          description: 'An integration: OAuth 2.0 client credentials (Cognito app client)',
          flows: {
            clientCredentials: {
              tokenUrl: '/oauth2/token',
              scopes: {
                [oauthScope('tickets.read')]: 'Read tickets, messages and history',
                [oauthScope('tickets.write')]: 'Open, update and reply to tickets',
              },
            },
          },
        },
      },
      headers: responseHeaders,
    },
    security: [{ bearer: [] }, { oauth2: [] }],
    paths,
  });
};
