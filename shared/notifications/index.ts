/** The mail module: what the SLA engine and the ticket use cases call. */
export { type Audience, directoryAudience } from './audience.js';
export {
  type ChangeMailDeps,
  ChangeNotVisible,
  mailForEvent,
  noticeForEvent,
  requesterMailEvents,
} from './change-mail.js';
export { type PortalLinks, portalLinks } from './links.js';
export { languageFor, type MailLanguage, mailLanguages } from './locale.js';
export {
  type EscalationLevel,
  type Notice,
  type NoticeKind,
  type NotificationKey,
  noticeKinds,
  notificationKeys,
  type ReminderClock,
  type SlaClock,
} from './notices.js';
export {
  createNotifier,
  DEFAULT_LEASE_MS,
  type MailSettings,
  type NoticeOutcome,
  type NoticeRequest,
  type Notifier,
  type NotifierDeps,
} from './notifier.js';
export {
  type ClaimResult,
  type MailAddress,
  type Mailer,
  NoticeClaimLost,
  NoticeInProgress,
  type NotificationLog,
  type NotificationRecord,
  type OutgoingMail,
  type Recipient,
  type SentMail,
} from './ports.js';
export { type RenderedMail, renderNotice } from './render.js';
export { domainOfAddress, threadHeaders, threadRoot } from './threading.js';
