import type { Catalog } from './catalog.js';

const priority = { low: 'Low', normal: 'Normal', high: 'High', urgent: 'Urgent' } as const;

const clock = {
  timeToOpen: 'time to open',
  timeToResolve: 'time to resolve',
  totalServiceTime: 'total service time',
} as const;

const greeting = (name: string) => `Hello ${name},`;
const signOff = 'Kind regards,\nYour help desk team';

export const en: Catalog = {
  language: 'en',
  priorityLabel: (value) => priority[value],

  files: (count) =>
    count === 1
      ? 'Attached file (open it on the ticket in the portal):'
      : 'Attached files (open them on the ticket in the portal):',
  replyByMail: () => 'Reply to this mail to answer the client; start with #note for an internal note.',
  staffFooter: ({ reference }) => `Reference ${reference}.`,
  footer: ({ reference }) =>
    `Reference ${reference}. Please keep it in the subject whenever you write to us about this request.`,

  acknowledgement: (v) => ({
    subject: `We have received your request: ${v.ticketSubject}`,
    blocks: [
      { type: 'paragraph', text: greeting(v.recipientName) },
      {
        type: 'paragraph',
        text: `Thank you for contacting us. We have registered your request under the reference ${v.reference}.`,
      },
      {
        type: 'facts',
        items: [
          ['Reference', v.reference],
          ['Subject', v.ticketSubject],
          ['Priority', priority[v.priority]],
          ...(v.firstResponseDue ? [['First response expected by', v.firstResponseDue] as const] : []),
          ...(v.resolutionDue ? [['Resolution expected by', v.resolutionDue] as const] : []),
        ],
      },
      { type: 'paragraph', text: 'Your request:' },
      { type: 'quote', text: v.summary },
      { type: 'paragraph', text: 'What happens next:' },
      {
        type: 'steps',
        items: [
          v.firstResponseDue
            ? `An agent will review your request and reply by ${v.firstResponseDue}.`
            : 'An agent will review your request and reply as soon as possible.',
          'You can follow its progress and add information at any time in the portal.',
          'When we propose a solution, you can accept it or tell us that the problem persists.',
        ],
      },
      { type: 'actions', links: [{ label: 'View your request', url: v.ticketUrl }] },
      { type: 'paragraph', text: signOff },
    ],
  }),

  agentReply: (v) => ({
    subject: `New reply to your request: ${v.ticketSubject}`,
    blocks: [
      { type: 'paragraph', text: greeting(v.recipientName) },
      { type: 'paragraph', text: `${v.agentName} has replied to your request ${v.reference}:` },
      { type: 'quote', text: v.body },
      { type: 'actions', links: [{ label: 'View and reply', url: v.ticketUrl }] },
      { type: 'paragraph', text: signOff },
    ],
  }),

  reminder: (v) => ({
    subject: `Reminder: ${v.elapsed} of the ${clock[v.clock]} has passed – ${v.ticketSubject}`,
    blocks: [
      { type: 'paragraph', text: greeting(v.recipientName) },
      {
        type: 'paragraph',
        text: v.assigneeName
          ? `The ticket ${v.reference}, assigned to you, needs attention: ${v.elapsed} of its ${clock[v.clock]} has passed.`
          : `The unassigned ticket ${v.reference} in the queue ${v.queue} needs attention: ${v.elapsed} of its ${clock[v.clock]} has passed.`,
      },
      {
        type: 'facts',
        items: [
          ['Subject', v.ticketSubject],
          ['Priority', priority[v.priority]],
          ['Queue', v.queue],
          ['Due', v.dueAt],
        ],
      },
      {
        type: 'paragraph',
        text:
          v.clock === 'timeToOpen'
            ? 'Please pick it up or send the first reply before it is due.'
            : 'Please move it towards a solution before it is due.',
      },
      { type: 'actions', links: [{ label: 'Open the ticket', url: v.ticketUrl }] },
    ],
  }),

  escalation: (v) => ({
    subject:
      v.level === 'breach'
        ? `SLA breached (${clock[v.clock]}): ${v.ticketSubject}`
        : `SLA at risk (${clock[v.clock]}): ${v.ticketSubject}`,
    blocks: [
      { type: 'paragraph', text: greeting(v.recipientName) },
      {
        type: 'paragraph',
        text:
          v.level === 'breach'
            ? `The ticket ${v.reference} has missed its ${clock[v.clock]} target, which was due on ${v.dueAt}.`
            : `The ticket ${v.reference} is at risk of missing its ${clock[v.clock]} target, due on ${v.dueAt}.`,
      },
      {
        type: 'facts',
        items: [
          ['Subject', v.ticketSubject],
          ['Priority', priority[v.priority]],
          ['Queue', v.queue],
          ['Assignee', v.assigneeName ?? 'Unassigned'],
          ['Due', v.dueAt],
        ],
      },
      {
        type: 'paragraph',
        text: 'Please check whether the ticket needs to be reassigned or given priority.',
      },
      { type: 'actions', links: [{ label: 'Open the ticket', url: v.ticketUrl }] },
    ],
  }),

  requeued: (v) => ({
    subject: `Back in the queue ${v.queue}: ${v.ticketSubject}`,
    blocks: [
      { type: 'paragraph', text: greeting(v.recipientName) },
      {
        type: 'paragraph',
        text: v.previousAssigneeName
          ? `The ticket ${v.reference} was assigned to ${v.previousAssigneeName} but was not picked up in time. It is back in the queue ${v.queue}.`
          : `The ticket ${v.reference} was not picked up in time. It is back in the queue ${v.queue}.`,
      },
      {
        type: 'facts',
        items: [
          ['Subject', v.ticketSubject],
          ['Priority', priority[v.priority]],
        ],
      },
      { type: 'paragraph', text: 'Please pick it up if you can take it.' },
      { type: 'actions', links: [{ label: 'Open the ticket', url: v.ticketUrl }] },
    ],
  }),

  resolutionProposed: (v) => ({
    subject: `Solution proposed for your request: ${v.ticketSubject}`,
    blocks: [
      { type: 'paragraph', text: greeting(v.recipientName) },
      {
        type: 'paragraph',
        text: v.agentName
          ? `${v.agentName} has proposed a solution for your request ${v.reference}.`
          : `We have proposed a solution for your request ${v.reference}.`,
      },
      ...(v.solution ? [{ type: 'quote', text: v.solution } as const] : []),
      { type: 'paragraph', text: 'Does this solve your problem?' },
      {
        type: 'actions',
        links: [
          { label: 'Yes, accept the solution', url: v.acceptUrl },
          { label: 'No, the problem persists', url: v.reopenUrl },
        ],
      },
      ...(v.autoCloseAt
        ? [
            {
              type: 'paragraph',
              text: `If we do not hear from you, the request will be closed automatically on ${v.autoCloseAt}.`,
            } as const,
          ]
        : []),
      { type: 'paragraph', text: signOff },
    ],
  }),

  ticketMerged: (v) => ({
    subject: `Your request continues as ${v.targetReference}: ${v.ticketSubject}`,
    blocks: [
      { type: 'paragraph', text: greeting(v.recipientName) },
      {
        type: 'paragraph',
        text: `Your request ${v.reference} concerns the same matter as ${v.targetReference} (${v.targetSubject}), so we have merged the two. The conversation so far is kept there, and we continue under ${v.targetReference}.`,
      },
      {
        type: 'paragraph',
        text: 'You do not need to do anything. If you reply to this e-mail, your message reaches the merged request.',
      },
      {
        type: 'actions',
        links: [
          { label: 'View the merged request', url: v.targetUrl },
          { label: 'Your original request', url: v.ticketUrl },
        ],
      },
      { type: 'paragraph', text: signOff },
    ],
  }),

  autoClosed: (v) => ({
    subject: `Your request has been closed: ${v.ticketSubject}`,
    blocks: [
      { type: 'paragraph', text: greeting(v.recipientName) },
      {
        type: 'paragraph',
        text: `We had proposed a solution for your request ${v.reference} and have not heard back from you, so it was closed automatically on ${v.closedAt}.`,
      },
      {
        type: 'paragraph',
        text: 'How did we do? Your rating takes less than a minute and helps us improve.',
      },
      { type: 'actions', links: [{ label: 'Rate our support', url: v.feedbackUrl }] },
      {
        type: 'paragraph',
        text: `If the problem comes back, please open a new request and mention the reference ${v.reference}.`,
      },
      { type: 'paragraph', text: signOff },
    ],
  }),

  ticketCreated: (v) => ({
    subject: `New ticket in ${v.queue}: ${v.ticketSubject}`,
    blocks: [
      { type: 'paragraph', text: greeting(v.recipientName) },
      {
        type: 'paragraph',
        text: `${v.requesterName} opened the ticket ${v.reference} in the queue ${v.queue}.`,
      },
      {
        type: 'facts',
        items: [
          ['Subject', v.ticketSubject],
          ['Priority', priority[v.priority]],
          ['Queue', v.queue],
        ],
      },
      { type: 'quote', text: v.summary },
      { type: 'actions', links: [{ label: 'Open the ticket', url: v.ticketUrl }] },
    ],
  }),

  clientReplied: (v) => ({
    subject: `${v.authorName} replied: ${v.ticketSubject}`,
    blocks: [
      { type: 'paragraph', text: greeting(v.recipientName) },
      { type: 'paragraph', text: `${v.authorName} replied on the ticket ${v.reference}:` },
      { type: 'quote', text: v.body },
      { type: 'actions', links: [{ label: 'Open the ticket', url: v.ticketUrl }] },
    ],
  }),

  ticketReopened: (v) => ({
    subject: `Reopened by ${v.authorName}: ${v.ticketSubject}`,
    blocks: [
      { type: 'paragraph', text: greeting(v.recipientName) },
      {
        type: 'paragraph',
        text: `${v.authorName} reopened the ticket ${v.reference}: the proposed solution did not help.`,
      },
      ...(v.body ? [{ type: 'quote', text: v.body } as const] : []),
      { type: 'actions', links: [{ label: 'Open the ticket', url: v.ticketUrl }] },
    ],
  }),

  ticketAssigned: (v) => ({
    subject: `Assigned to you: ${v.ticketSubject}`,
    blocks: [
      { type: 'paragraph', text: greeting(v.recipientName) },
      { type: 'paragraph', text: `${v.assignedBy} assigned the ticket ${v.reference} to you.` },
      {
        type: 'facts',
        items: [
          ['Subject', v.ticketSubject],
          ['Priority', priority[v.priority]],
          ['Queue', v.queue],
        ],
      },
      { type: 'actions', links: [{ label: 'Open the ticket', url: v.ticketUrl }] },
    ],
  }),

  mentioned: (v) => ({
    subject: `${v.authorName} mentioned you: ${v.ticketSubject}`,
    blocks: [
      { type: 'paragraph', text: greeting(v.recipientName) },
      {
        type: 'paragraph',
        text: `${v.authorName} mentioned you in an internal note on the ticket ${v.reference}:`,
      },
      { type: 'quote', text: v.body },
      { type: 'actions', links: [{ label: 'Open the ticket', url: v.ticketUrl }] },
    ],
  }),

  /** An automation rule's mail while the admins wrote no template for it (docs/mail-templates.md). */
  rule: (v) => ({
    subject: `Update on ${v.ticketSubject}`,
    blocks: [
      { type: 'paragraph', text: `Hello ${v.recipientName},` },
      { type: 'paragraph', text: `There is news about the ticket ${v.reference}.` },
      {
        type: 'facts',
        items: [
          ['Subject', v.ticketSubject],
          ['Status', v.status],
        ],
      },
      { type: 'actions', links: [{ label: 'Open the ticket', url: v.ticketUrl }] },
    ],
  }),
};
