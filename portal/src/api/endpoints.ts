import type { ApiClient, ApiResponse } from './client.js';
import type {
  Article,
  Attachment,
  AttachmentDownload,
  AvailabilityResult,
  CannedResponse,
  CreateTicketBody,
  FeedbackBody,
  LoginResponse,
  MailPreview,
  MailTemplate,
  MarkReadBody,
  Me,
  Message,
  NewQueue,
  NotificationPage,
  NotificationPreferences,
  Page,
  PatchTicketBody,
  Presence,
  PresenceState,
  Queue,
  QueuePatch,
  SlaPolicy,
  StaffMember,
  Ticket,
  TicketEvent,
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
}

/** Accepts both a bare array and the `{items}` envelope, so the portal survives either list shape. */
const items = <T>(body: T[] | { items: T[] }): T[] => (Array.isArray(body) ? body : body.items);

const ticketPath = (id: string) => `/tickets/${encodeURIComponent(id)}`;

/** Every call the portal makes, one function per route of docs/architecture.md (HTTP API). */
export const endpoints = (api: ApiClient) => ({
  login: (email: string, password: string) =>
    api.request<LoginResponse>('/auth/login', { method: 'POST', body: { email, password } }),
  /** `token` signs the call before a session exists (right after the Hosted UI redirect). */
  me: (token?: string) =>
    api.request<Me>('/me', token ? { headers: { authorization: `Bearer ${token}` } } : {}),

  listTickets: (filters: TicketFilters, cursor?: string | null, limit = 50) =>
    api.request<Page<Ticket>>('/tickets', { query: { ...filters, cursor, limit } }),
  getTicket: (id: string) => api.request<Ticket>(ticketPath(id)),
  createTicket: (body: CreateTicketBody, idempotencyKey: string) =>
    api.request<Ticket>('/tickets', { method: 'POST', body, headers: { 'idempotency-key': idempotencyKey } }),
  patchTicket: (id: string, version: number, body: PatchTicketBody) =>
    api.request<Ticket>(ticketPath(id), { method: 'PATCH', body, ifMatch: version }),

  listMessages: (id: string, cursor?: string | null) =>
    api.request<Page<Message>>(`${ticketPath(id)}/messages`, { query: { cursor, limit: 100 } }),
  postMessage: (id: string, version: number, body: string, internal: boolean, attachmentIds: string[] = []) =>
    api.request<Message>(`${ticketPath(id)}/messages`, {
      method: 'POST',
      body: {
        ...(body ? { body } : {}),
        ...(internal ? { internal: true } : {}),
        ...(attachmentIds.length ? { attachmentIds } : {}),
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

  getSlaPolicies: () => api.request<{ policies: SlaPolicy[] }>('/sla-policies'),
  putSlaPolicies: (policies: SlaPolicy[], etag: string | null) =>
    api.request<{ policies: SlaPolicy[] }>('/sla-policies', {
      method: 'PUT',
      body: { policies },
      ...(etag ? { ifMatch: etag } : {}),
    }),

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
});

export type Endpoints = ReturnType<typeof endpoints>;
export type { ApiResponse };
