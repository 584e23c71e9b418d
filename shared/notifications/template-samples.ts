import type { Ticket } from '#tickets/schemas.js';
import { portalLinks } from './links.js';
import type { MailLanguage } from './locale.js';
import type { NoticeTemplateKind, TemplateKind } from './mail-templates.js';
import { isRuleTemplateKind } from './mail-templates.js';
import { type Notice, staffNoticeKinds } from './notices.js';
import type { Recipient } from './ports.js';
import type { RenderContext } from './render.js';

/**
 * The sample notice a template preview renders (docs/mail-templates.md): a made-up ticket and
 * recipient, with values for every placeholder, so an admin sees a realistic mail.
 */
const SAMPLE_PORTAL = 'https://helpdesk.example';

const sampleTicket: Ticket = {
  id: '01SAMPLE000000000000000042',
  reference: 'HD-2026-000042',
  subject: 'The printer on floor 2 does not print',
  description: 'Since this morning nothing comes out of the printer on floor 2.\nError E-042 on the display.',
  status: 'open',
  priority: 'high',
  category: null,
  tags: [],
  queue: 'support',
  orgId: 'acme',
  requester: { id: 'sample-client', email: 'anna.schmidt@acme.example', name: 'Anna Schmidt' },
  assignee: { id: 'sample-agent', email: 'piotr.nowak@helpdesk.example', name: 'Piotr Nowak' },
  channel: 'web',
  version: 3,
  createdAt: '2026-03-27T08:30:00.000Z',
  updatedAt: '2026-03-27T09:10:00.000Z',
  sla: {
    policyId: 'high',
    firstResponseDueAt: '2026-03-27T10:30:00.000Z',
    resolutionDueAt: '2026-03-27T16:30:00.000Z',
    totalDueAt: '2026-03-28T08:30:00.000Z',
    firstRespondedAt: null,
    breaches: [],
    paused: false,
  },
};

const sampleNotices: Record<NoticeTemplateKind, Notice> = {
  acknowledgement: { kind: 'acknowledgement' },
  agentReply: {
    kind: 'agentReply',
    message: {
      id: '01SAMPLEMESSAGE00000000001',
      body: 'Please restart the printer.\nIt should work again.',
      internal: false,
      author: { id: 'sample-agent', name: 'Piotr Nowak', role: 'agent' },
    },
  },
  reminder: { kind: 'reminder', clock: 'timeToOpen', fraction: 0.8, dueAt: '2026-03-27T10:30:00.000Z' },
  escalation: {
    kind: 'escalation',
    clock: 'timeToResolve',
    level: 'atRisk',
    dueAt: '2026-03-27T16:30:00.000Z',
  },
  requeued: {
    kind: 'requeued',
    previousAssignee: { id: 'sample-agent', email: 'piotr.nowak@helpdesk.example', name: 'Piotr Nowak' },
  },
  resolutionProposed: {
    kind: 'resolutionProposed',
    solution: 'We replaced the toner cartridge.',
    autoCloseAt: '2026-03-30T09:30:00.000Z',
  },
  autoClosed: { kind: 'autoClosed', closedAt: '2026-03-30T09:30:00.000Z' },
  ticketMerged: {
    kind: 'ticketMerged',
    into: { id: '01SAMPLETARGET000000000007', reference: 'HD-2026-000007', subject: 'Printer offline' },
  },
  ticketCreated: { kind: 'ticketCreated' },
  clientReplied: { kind: 'clientReplied', authorName: 'Anna Schmidt', body: 'It still does not print.' },
  ticketReopened: {
    kind: 'ticketReopened',
    authorName: 'Anna Schmidt',
    body: 'The toner was not the cause.',
  },
  ticketAssigned: { kind: 'ticketAssigned', assignedBy: 'Liis Lead' },
  mentioned: { kind: 'mentioned', authorName: 'Liis Lead', body: '@piotr can you look at the driver?' },
};

const sampleRecipient = (language: MailLanguage, staff: boolean): Recipient =>
  staff
    ? {
        email: 'piotr.nowak@helpdesk.example',
        name: 'Piotr Nowak',
        locale: language,
        timeZone: 'Europe/Warsaw',
      }
    : {
        email: 'anna.schmidt@acme.example',
        name: 'Anna Schmidt',
        locale: language,
        timeZone: 'Europe/Berlin',
      };

/** The sample notice and context of a kind, for one language. */
export const sampleOf = (
  kind: TemplateKind,
  language: MailLanguage,
): { notice: Notice; context: Omit<RenderContext, 'templates'> } => {
  const notice: Notice = isRuleTemplateKind(kind)
    ? { kind: 'rule', template: kind, to: 'requester' }
    : sampleNotices[kind];
  return {
    notice,
    context: {
      ticket: sampleTicket,
      recipient: sampleRecipient(language, notice.kind !== 'rule' && staffNoticeKinds.has(notice.kind)),
      links: portalLinks(SAMPLE_PORTAL),
      queueName: 'Support',
    },
  };
};
