import type { Notice, NoticeKind } from '#notifications/notices.js';
import type { Recipient } from '#notifications/ports.js';
import type { Ticket } from '#tickets/schemas.js';

export const PORTAL_URL = 'https://portal.example.com';

export const aTicket = (overrides: Partial<Ticket> = {}): Ticket => ({
  id: '01JQ0000000000000000000042',
  reference: 'HD-2026-000042',
  subject: 'The printer on floor 2 does not print',
  description: 'Since this morning nothing comes out of the printer on floor 2.\nError E-042 on the display.',
  status: 'new',
  priority: 'high',
  category: null,
  tags: [],
  queue: 'support',
  orgId: 'acme',
  requester: { id: 'client-1', email: 'client@acme.example', name: 'Anna Schmidt' },
  assignee: { id: 'agent-1', email: 'agent@helpdesk.example', name: 'Piotr Nowak' },
  channel: 'web',
  version: 1,
  createdAt: '2026-03-28T23:30:00.000Z',
  updatedAt: '2026-03-28T23:30:00.000Z',
  sla: {
    policyId: 'high',
    // 01:30 UTC on the night Europe moves its clocks forward (01:00 UTC).
    firstResponseDueAt: '2026-03-29T01:30:00.000Z',
    resolutionDueAt: '2026-03-29T09:30:00.000Z',
    totalDueAt: '2026-03-29T17:30:00.000Z',
    firstRespondedAt: null,
    breaches: [],
    paused: false,
  },
  ...overrides,
});

export const aRecipient = (overrides: Partial<Recipient> = {}): Recipient => ({
  email: 'client@acme.example',
  name: 'Anna Schmidt',
  locale: 'en',
  timeZone: 'UTC',
  ...overrides,
});

export const noticesByKind: Record<NoticeKind, Notice> = {
  acknowledgement: { kind: 'acknowledgement' },
  agentReply: {
    kind: 'agentReply',
    message: {
      id: '01JQ00000000000000000MSG01',
      body: 'Please restart the printer.\nIt should work again.',
      internal: false,
      author: { id: 'agent-1', name: 'Piotr Nowak', role: 'agent' },
    },
  },
  reminder: { kind: 'reminder', clock: 'timeToOpen', fraction: 0.5, dueAt: '2026-03-29T01:30:00.000Z' },
  escalation: {
    kind: 'escalation',
    clock: 'totalServiceTime',
    level: 'breach',
    dueAt: '2026-03-29T17:30:00.000Z',
  },
  requeued: {
    kind: 'requeued',
    previousAssignee: { id: 'agent-1', email: 'agent@helpdesk.example', name: 'Piotr Nowak' },
  },
  resolutionProposed: {
    kind: 'resolutionProposed',
    solution: 'We replaced the toner cartridge.',
    autoCloseAt: '2026-04-01T09:30:00.000Z',
  },
  autoClosed: { kind: 'autoClosed', closedAt: '2026-04-01T09:30:00.000Z' },
  ticketMerged: {
    kind: 'ticketMerged',
    into: { id: '01JMERGEDTARGET0000000000', reference: 'HD-2026-000007', subject: 'Printer offline' },
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
  rule: { kind: 'rule', template: 'rule.vip-welcome', to: 'requester' },
};
