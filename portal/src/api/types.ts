/**
 * The wire types of the public API, taken from the zod schemas in shared/, functions/ and
 * local/ (types only: no zod and no validation code reaches the browser bundle).
 */

export type {
  AttachmentDownload,
  AttachmentView as Attachment,
  UploadSlot,
} from '#attachments/attachment.js';
export type { Article, ArticlePatch, ArticleVersion, NewArticle } from '#kb/article.js';
export type { NewQueue, Queue, QueuePatch } from '#queues/queue.js';
export type { AvailabilityResult } from '#queues/use-cases/availability.js';
export type { Role } from '../../../shared/identity/caller.js';
export type {
  Change,
  CreateTicketBody,
  Feedback,
  FeedbackBody,
  Message,
  MessageAttachment,
  PatchTicketBody,
  Priority,
  TicketDeletion,
  TicketEvent,
  TicketView as Ticket,
  UserRefView as UserRef,
} from '../../../shared/tickets/schemas.js';
export type { SlaView as SlaState } from '../../../shared/tickets/sla-state.js';
export type { TicketStatus } from '../../../shared/tickets/status.js';

import type { UserList, UserProfile } from '#functions/identity/schemas.js';
import type { User } from '#identity/user.js';

export type { CannedResponse } from '#desk/canned-response.js';
export type { Presence, PresenceState } from '#desk/presence.js';
export type { NewSavedView, SavedView, SavedViewPatch } from '#desk/saved-view.js';
export type {
  DeadLetter,
  InboundMailSettings,
  /** What retrying a kept mail did (`POST /inbound-mail/dead-letters/{id}/retry`). */
  MailOutcome as DeadLetterOutcome,
  UnknownSenders,
} from '#email/ports.js';
export type { InvitedAccount, LoginResponse, SetPasswordResponse } from '#identity/login.js';
export type { AgentNotificationKind } from '#notifications/agent-notification-kinds.js';
export type {
  AgentNotification,
  MarkReadBody,
  NotificationPage,
  NotificationPreferences,
  UnreadCount,
} from '#notifications/inbox.js';
export type { Page } from '#platform/ports.js';
export type { Duration } from '#sla/duration.js';
export type { CategoryDefinition as Category } from '#tickets/categories.js';
export type { SearchWindow } from '#tickets/ports.js';
export type { Channel, LoggedChannel } from '#tickets/schemas.js';

/** Reports (docs/reports.md): the wire shapes of `/reports/*`. */
import type * as Reports from '#reports/schemas.js';
export type ReportOverview = Reports.Overview;
export type ReportSeriesPoint = Reports.SeriesPoint;
export type ReportAgentRow = Reports.AgentRow;
export type ReportAgents = import('zod').infer<typeof Reports.AgentsReport>;
export type ReportCsatItem = Reports.CsatItem;
export type ReportCsatPage = import('zod').infer<typeof Reports.CsatReport>;
export type ReportTrends = Reports.TrendsReport;
export type ReportExport = (typeof Reports.exportReports)[number];
/** The common query of every report; empty values are left out of the URL. */
export type ReportParams = {
  from?: string;
  to?: string;
  timeZone?: string;
  queue?: string;
  priority?: string;
  category?: string;
  orgId?: string;
  agent?: string;
  interval?: string;
};
export type { StatusLabels, StatusLabelTexts, StatusList } from '#tickets/status-labels.js';

/**
 * The signed-in user: `GET /me` for a user, or the `user` of `POST /auth/login`, which also
 * carries the account's IANA time zone (without it the browser's applies).
 */
export type Me = UserProfile & Partial<Pick<User, 'timeZone'>>;

/** A member of staff, as `GET /users?role=agent` lists them. */
export type StaffMember = UserList['items'][number];

/** One SLA policy as the portal sends it (`PUT /sla-policies`); `null` switches a clock or timeout off. */
export type { SlaPolicyInput as SlaPolicy } from '#sla/policy.js';

export interface RuntimeConfig {
  auth: 'local' | 'cognito';
  apiBase: string;
  region?: string;
  userPoolId?: string;
  clientId?: string;
  domain?: string;
}

/** Administration (the admin console, portal/src/features/admin/). */
export type {
  Action as RuleAction,
  Condition as RuleCondition,
  Rule as AutomationRule,
} from '#automation/rule.js';
export type { RuleTestBody, RuleTestResult } from '#automation/use-cases/test-rules.js';
export type { AccountPatch, AccountView as Account, Invitation } from '#identity/account.js';
export type { NewOrganisation, Organisation, OrganisationPatch } from '#identity/organisation.js';
export type { SlaCalendar } from '#sla/calendar.js';
export type { CategoryDefinition } from '#tickets/categories.js';

import type { SlaPolicyPreview as SlaPolicyPreviewSchema } from '#sla/policy-change.js';

/** `POST /sla-policies/preview`: what a save would do to open tickets. */
export type SlaPolicyPreview = import('zod').infer<typeof SlaPolicyPreviewSchema>;
/** Mail templates (docs/mail-templates.md). */
export interface MailTemplate {
  kind: string;
  language: 'en' | 'de' | 'pl' | 'et';
  customised: boolean;
  placeholders: string[];
  subject: string | null;
  body: string | null;
  version: number;
  updatedAt: string | null;
  updatedBy: { id: string; name: string; role: string } | null;
}

export interface MailPreview {
  language: string;
  subject: string;
  text: string;
  html: string;
}
/** Custom ticket fields (`GET/PUT /ticket-fields`) and the values a ticket carries. */
export type { FieldValue, FieldValues, TicketFieldDefinition } from '#tickets/ticket-fields.js';
