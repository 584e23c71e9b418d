import type { ApiClient, ApiResponse } from './client.js';
import type {
  Account,
  AccountPatch,
  Article,
  ArticlePatch,
  ArticleVersion,
  Attachment,
  AttachmentDownload,
  AutomationRule,
  AvailabilityResult,
  CannedResponse,
  Category,
  CategoryDefinition,
  CreateTicketBody,
  DeadLetter,
  DeadLetterOutcome,
  FeedbackBody,
  InboundMailSettings,
  Invitation,
  InvitedAccount,
  LoggedChannel,
  LoginResponse,
  MailPreview,
  MailTemplate,
  MarkReadBody,
  Me,
  Message,
  NewArticle,
  NewOrganisation,
  NewQueue,
  NewSavedView,
  NotificationPage,
  NotificationPreferences,
  Organisation,
  OrganisationPatch,
  Page,
  PatchTicketBody,
  Presence,
  PresenceState,
  Queue,
  QueuePatch,
  ReportAgents,
  ReportCsatPage,
  ReportExport,
  ReportOverview,
  ReportParams,
  ReportTrends,
  RuleTestBody,
  RuleTestResult,
  SavedView,
  SavedViewPatch,
  SearchWindow,
  SetPasswordResponse,
  SlaCalendar,
  SlaPolicy,
  SlaPolicyPreview,
  StaffMember,
  StatusLabels,
  StatusList,
  Ticket,
  TicketDeletion,
  TicketEvent,
  TicketFieldDefinition,
  UnreadCount,
  UploadSlot,
} from './types.js';

/** One answer of the knowledge-base search. */
export interface KbResult {
  id: string;
  title: string;
  snippet: string;
  score: number;
  language: string;
}

export interface TicketFilters {
  status?: string;
  queue?: string;
  assignee?: string;
  priority?: string;
  category?: string;
  tag?: string;
  q?: string;
  sort?: string;
  /** A custom field's value, `<field id>:<value>` (docs/api.md). */
  field?: string;
  /** With `q`: the searched creation window (docs/search.md); the answer says it in `searched`. */
  createdFrom?: string;
  createdTo?: string;
}

/** Accepts both a bare array and the `{items}` envelope, so the portal survives either list shape. */
const items = <T>(body: T[] | { items: T[] }): T[] => (Array.isArray(body) ? body : body.items);

const ticketPath = (id: string) => `/tickets/${encodeURIComponent(id)}`;

/** Every call the portal makes, one function per route of docs/architecture.md (HTTP API). */
export const endpoints = (api: ApiClient) => ({
  login: (email: string, password: string) =>
    api.request<LoginResponse>('/auth/login', { method: 'POST', body: { email, password } }),
  /** Local runtime only: whose password an invitation link sets, while it works (else 400 at `token`). */
  readInvitation: (token: string) =>
    api.request<InvitedAccount>('/auth/invitation', { method: 'POST', body: { token } }),
  /** Local runtime only: the token of an invitation mail sets the password once. */
  setPassword: (token: string, password: string) =>
    api.request<SetPasswordResponse>('/auth/set-password', { method: 'POST', body: { token, password } }),
  /** `token` signs the call before a session exists (right after the Hosted UI redirect). */
  me: (token?: string) =>
    api.request<Me>('/me', token ? { headers: { authorization: `Bearer ${token}` } } : {}),

  listTickets: (filters: TicketFilters, cursor?: string | null, limit = 50) =>
    api.request<Page<Ticket> & { searched?: SearchWindow }>('/tickets', {
      query: { ...filters, cursor, limit },
    }),
  getTicket: (id: string) => api.request<Ticket>(ticketPath(id)),
  createTicket: (body: CreateTicketBody, idempotencyKey: string) =>
    api.request<Ticket>('/tickets', { method: 'POST', body, headers: { 'idempotency-key': idempotencyKey } }),
  patchTicket: (id: string, version: number, body: PatchTicketBody) =>
    api.request<Ticket>(ticketPath(id), { method: 'PATCH', body, ifMatch: version }),

  listMessages: (id: string, cursor?: string | null) =>
    api.request<Page<Message>>(`${ticketPath(id)}/messages`, { query: { cursor, limit: 100 } }),
  postMessage: (
    id: string,
    version: number,
    body: string,
    internal: boolean,
    attachmentIds: string[] = [],
    channel?: LoggedChannel,
  ) =>
    api.request<Message>(`${ticketPath(id)}/messages`, {
      method: 'POST',
      body: {
        ...(body ? { body } : {}),
        ...(internal ? { internal: true } : {}),
        ...(attachmentIds.length ? { attachmentIds } : {}),
        ...(channel && channel !== 'web' ? { channel } : {}),
      },
      ...(version ? { ifMatch: version } : {}),
    }),

  createAttachment: (id: string, file: { fileName: string; contentType: string; size: number }) =>
    api.request<UploadSlot>(`${ticketPath(id)}/attachments`, { method: 'POST', body: file }),
  listAttachments: (id: string) => api.request<{ items: Attachment[] }>(`${ticketPath(id)}/attachments`),
  getAttachment: (id: string, attachmentId: string) =>
    api.request<AttachmentDownload>(`${ticketPath(id)}/attachments/${encodeURIComponent(attachmentId)}`),
  listEvents: (id: string, cursor?: string | null) =>
    api.request<Page<TicketEvent>>(`${ticketPath(id)}/events`, { query: { cursor, limit: 100 } }),

  resolve: (id: string, version: number, message?: string) =>
    api.request<Ticket>(`${ticketPath(id)}/resolve`, {
      method: 'POST',
      body: message ? { message } : {},
      ifMatch: version,
    }),
  accept: (id: string, version: number) =>
    api.request<Ticket>(`${ticketPath(id)}/accept`, { method: 'POST', body: {}, ifMatch: version }),
  reopen: (id: string, version: number, message?: string) =>
    api.request<Ticket>(`${ticketPath(id)}/reopen`, {
      method: 'POST',
      body: message ? { message } : {},
      ifMatch: version,
    }),
  feedback: (id: string, body: FeedbackBody) =>
    api.request<unknown>(`${ticketPath(id)}/feedback`, { method: 'POST', body }),

  listQueues: async (): Promise<Queue[]> =>
    items((await api.request<Queue[] | { items: Queue[] }>('/queues')).data),
  listStaff: async (role: 'agent' | 'lead' | 'admin'): Promise<StaffMember[]> =>
    items((await api.request<StaffMember[] | { items: StaffMember[] }>('/users', { query: { role } })).data),

  listNotifications: (limit = 20) => api.request<NotificationPage>('/me/notifications', { query: { limit } }),
  markNotificationsRead: (body: MarkReadBody) =>
    api.request<UnreadCount>('/me/notifications/read', { method: 'POST', body }),
  getPreferences: () => api.request<NotificationPreferences>('/me/preferences'),
  putPreferences: (preferences: NotificationPreferences) =>
    api.request<NotificationPreferences>('/me/preferences', { method: 'PUT', body: preferences }),

  /** The agent's desk (docs/desk.md). */
  listCannedResponses: async (): Promise<CannedResponse[]> =>
    (await api.request<{ items: CannedResponse[] }>('/canned-responses')).data.items,
  renderCannedResponse: (id: string, ticketId: string) =>
    api.request<{ body: string }>(`/canned-responses/${encodeURIComponent(id)}/render`, {
      query: { ticketId },
    }),
  putPresence: (id: string, state: PresenceState) =>
    api.request<unknown>(`${ticketPath(id)}/presence`, { method: 'PUT', body: { state } }),
  getPresence: (id: string) => api.request<Presence[]>(`${ticketPath(id)}/presence`),
  merge: (id: string, version: number, into: string) =>
    api.request<Ticket>(`${ticketPath(id)}/merge`, { method: 'POST', body: { into }, ifMatch: version }),
  /** Leads and admins (docs/api.md): 202, the ticket is gone; its remains are erased after. */
  deleteTicket: (id: string, version: number) =>
    api.request<TicketDeletion>(ticketPath(id), { method: 'DELETE', ifMatch: version }),

  /** Saved views of the queue page (docs/desk.md). */
  listViews: async (): Promise<SavedView[]> =>
    (await api.request<{ items: SavedView[] }>('/views')).data.items,
  createView: (body: NewSavedView) => api.request<SavedView>('/views', { method: 'POST', body }),
  patchView: (id: string, version: number, body: SavedViewPatch) =>
    api.request<SavedView>(`/views/${encodeURIComponent(id)}`, { method: 'PATCH', body, ifMatch: version }),
  deleteView: (id: string, version: number) =>
    api.request<unknown>(`/views/${encodeURIComponent(id)}`, { method: 'DELETE', ifMatch: version }),
  /** Routing and administration (docs/routing.md). */
  getQueue: (id: string) => api.request<Queue>(`/queues/${encodeURIComponent(id)}`),
  createQueue: (body: NewQueue) => api.request<Queue>('/queues', { method: 'POST', body }),
  patchQueue: (id: string, version: number, body: QueuePatch) =>
    api.request<Queue>(`/queues/${encodeURIComponent(id)}`, { method: 'PATCH', body, ifMatch: version }),
  setAvailability: (available: boolean) =>
    api.request<AvailabilityResult>('/me/availability', { method: 'PUT', body: { available } }),
  /** The knowledge base (docs/kb.md): public reads, so the help centre works without signing in. */
  searchKb: (q: string, lang: string, limit = 5) =>
    api.request<{ results: KbResult[] }>('/kb/search', { query: { q, lang, limit } }),
  listArticles: (lang?: string) =>
    api.request<Page<Article>>('/kb/articles', { query: { ...(lang ? { lang } : {}), limit: 100 } }),
  getArticle: (id: string) => api.request<Article>(`/kb/articles/${encodeURIComponent(id)}`),
  /** The staff editor (docs/kb.md): every article by filter, writes with If-Match, versions, preview. */
  listArticlesFiltered: (
    filters: { lang?: string; category?: string; status?: string },
    cursor?: string | null,
  ) => api.request<Page<Article>>('/kb/articles', { query: { ...filters, cursor, limit: 100 } }),
  createArticle: (body: NewArticle) => api.request<Article>('/kb/articles', { method: 'POST', body }),
  patchArticle: (id: string, version: number, body: ArticlePatch) =>
    api.request<Article>(`/kb/articles/${encodeURIComponent(id)}`, {
      method: 'PATCH',
      body,
      ifMatch: version,
    }),
  deleteArticle: (id: string, version: number) =>
    api.request<unknown>(`/kb/articles/${encodeURIComponent(id)}`, { method: 'DELETE', ifMatch: version }),
  articleVersions: (id: string) =>
    api.request<{ items: ArticleVersion[] }>(`/kb/articles/${encodeURIComponent(id)}/versions`),
  recordDeflection: (articleId: string, sessionKey: string) =>
    api.request<{ counted: boolean }>('/kb/deflections', { method: 'POST', body: { articleId, sessionKey } }),
  previewArticle: (body: string) =>
    api.request<{ html: string }>('/kb/preview', { method: 'POST', body: { body } }),

  getSlaPolicies: () => api.request<{ policies: SlaPolicy[] }>('/sla-policies'),
  putSlaPolicies: (policies: SlaPolicy[], etag: string | null, applyTo: 'new' | 'open' = 'new') =>
    api.request<{ policies: SlaPolicy[] }>('/sla-policies', {
      method: 'PUT',
      body: { policies, applyTo },
      ...(etag ? { ifMatch: etag } : {}),
    }),

  /** Reports (docs/reports.md): pre-aggregated figures; an agent passes `agent=me`. */
  listCategories: async (): Promise<Category[]> =>
    (await api.request<{ categories: Category[] }>('/categories')).data.categories,
  /** The organisations as a plain list (the reports' filter). */
  organisationList: async (): Promise<Organisation[]> =>
    items((await api.request<Organisation[] | { items: Organisation[] }>('/organisations')).data),
  reportOverview: (query: ReportParams) => api.request<ReportOverview>('/reports/overview', { query }),
  reportAgents: (query: ReportParams) => api.request<ReportAgents>('/reports/agents', { query }),
  reportCsat: (query: ReportParams, cursor?: string | null, limit = 10) =>
    api.request<ReportCsatPage>('/reports/csat', { query: { ...query, cursor, limit } }),
  reportTrends: (query: Pick<ReportParams, 'to' | 'timeZone' | 'agent'>) =>
    api.request<ReportTrends>('/reports/trends', { query }),
  reportExport: (report: ReportExport, query: ReportParams) =>
    api.download('/reports/export.csv', { ...query, report }),
  /** The e-mail channel's admin routes (docs/inbound-mail.md). */
  listDeadLetters: (cursor?: string | null) =>
    api.request<Page<DeadLetter>>('/inbound-mail/dead-letters', { query: { cursor, limit: 50 } }),
  retryDeadLetter: (id: string) =>
    api.request<DeadLetterOutcome>(`/inbound-mail/dead-letters/${encodeURIComponent(id)}/retry`, {
      method: 'POST',
      body: {},
    }),
  getInboundSettings: () => api.request<InboundMailSettings>('/inbound-mail/settings'),
  putInboundSettings: (settings: InboundMailSettings) =>
    api.request<InboundMailSettings>('/inbound-mail/settings', { method: 'PUT', body: settings }),
  // Status labels per language (admins rename; every portal shows them).
  getStatuses: () => api.request<StatusList>('/statuses'),
  putStatusLabels: (labels: StatusLabels['labels'], etag: string | null) =>
    api.request<StatusList>('/statuses', {
      method: 'PUT',
      body: { labels },
      ...(etag ? { ifMatch: etag } : {}),
    }),
  /** What saving would do to open tickets (nothing is saved). */
  previewSlaPolicies: (policies: SlaPolicy[], applyTo: 'new' | 'open') =>
    api.request<SlaPolicyPreview>('/sla-policies/preview', { method: 'POST', body: { policies, applyTo } }),

  /** The admin console (docs/admin.md): each save sends the version read (If-Match). */
  listOrganisations: () => api.request<{ items: Organisation[] }>('/organisations'),
  /** A page of organisations by id; `nextCursor` (when not null) asks for the next. */
  organisationPage: async (cursor?: string | null, limit?: number) =>
    (
      await api.request<{ items: Organisation[]; nextCursor: string | null }>('/organisations', {
        query: { cursor, limit },
      })
    ).data,
  createOrganisation: (body: NewOrganisation) =>
    api.request<Organisation>('/organisations', { method: 'POST', body }),
  patchOrganisation: (id: string, version: number, body: OrganisationPatch) =>
    api.request<Organisation>(`/organisations/${encodeURIComponent(id)}`, {
      method: 'PATCH',
      body,
      ifMatch: version,
    }),
  listAccounts: (role: Account['role']) => api.request<{ items: Account[] }>('/users', { query: { role } }),
  inviteUser: (body: Invitation) => api.request<Account>('/users', { method: 'POST', body }),
  patchUser: (id: string, version: number, body: AccountPatch) =>
    api.request<Account>(`/users/${encodeURIComponent(id)}`, { method: 'PATCH', body, ifMatch: version }),
  getCategories: () => api.request<{ categories: CategoryDefinition[] }>('/categories'),
  putCategories: (categories: CategoryDefinition[], etag: string | null) =>
    api.request<{ categories: CategoryDefinition[] }>('/categories', {
      method: 'PUT',
      body: { categories },
      ...(etag ? { ifMatch: etag } : {}),
    }),
  listCalendars: () => api.request<{ items: (SlaCalendar & { version: number })[] }>('/sla-calendars'),
  /** A new calendar goes at version 0, so a calendar someone created meanwhile answers 412. */
  putCalendar: ({ id, ...calendar }: SlaCalendar, version: number) =>
    api.request<SlaCalendar>(`/sla-calendars/${encodeURIComponent(id)}`, {
      method: 'PUT',
      body: calendar,
      ifMatch: version,
    }),
  getRules: () => api.request<{ rules: AutomationRule[] }>('/automation/rules'),
  putRules: (rules: AutomationRule[], etag: string | null) =>
    api.request<{ rules: AutomationRule[] }>('/automation/rules', {
      method: 'PUT',
      body: { rules },
      ...(etag ? { ifMatch: etag } : {}),
    }),
  testRules: (body: RuleTestBody) =>
    api.request<RuleTestResult>('/automation/rules/test', { method: 'POST', body }),
  /** Mail templates (docs/mail-templates.md): admins edit, preview renders a sample notice. */
  listMailTemplates: async (): Promise<MailTemplate[]> =>
    (await api.request<{ templates: MailTemplate[] }>('/mail-templates')).data.templates,
  putMailTemplate: (
    kind: string,
    language: string,
    version: number,
    body: { subject: string; body: string },
  ) =>
    api.request<MailTemplate>(`/mail-templates/${encodeURIComponent(kind)}/${language}`, {
      method: 'PUT',
      body,
      ifMatch: version,
    }),
  previewMailTemplate: (
    kind: string,
    language: string,
    body: { subject?: string; body?: string },
    signal?: AbortSignal,
  ) =>
    api.request<MailPreview>(`/mail-templates/${encodeURIComponent(kind)}/${language}/preview`, {
      method: 'POST',
      body,
      ...(signal ? { signal } : {}),
    }),
  /** Custom ticket fields (docs/api.md): everyone who files tickets reads, admins save the list (If-Match). */
  getTicketFields: () => api.request<{ fields: TicketFieldDefinition[] }>('/ticket-fields'),
  putTicketFields: (fields: TicketFieldDefinition[], etag: string | null) =>
    api.request<{ fields: TicketFieldDefinition[] }>('/ticket-fields', {
      method: 'PUT',
      body: { fields },
      ...(etag ? { ifMatch: etag } : {}),
    }),
  /** Brings back the built-in text of a mail template (admins; If-Match with the version read). */
  resetMailTemplate: (kind: string, language: string, version: number) =>
    api.request<MailTemplate>(`/mail-templates/${encodeURIComponent(kind)}/${language}`, {
      method: 'DELETE',
      ifMatch: version,
    }),
});

export type Endpoints = ReturnType<typeof endpoints>;
export type { ApiResponse };
