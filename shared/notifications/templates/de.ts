import type { Catalog } from './catalog.js';

const priority = { low: 'Niedrig', normal: 'Normal', high: 'Hoch', urgent: 'Dringend' } as const;

/** All three are feminine, so "der …" (genitive) and "die …" (accusative) read naturally. */
const clock = {
  timeToOpen: 'Zeit bis zur Übernahme',
  timeToResolve: 'Lösungszeit',
  totalServiceTime: 'Gesamtservicezeit',
} as const;

// After a salutation ending in a comma, German letters go on in lower case.
const greeting = (name: string) => `Guten Tag ${name},`;
const staffGreeting = (name: string) => `Hallo ${name},`;
const signOff = 'Mit freundlichen Grüßen\nIhr Helpdesk-Team';

export const de: Catalog = {
  language: 'de',
  priorityLabel: (value) => priority[value],

  files: (count) =>
    count === 1
      ? 'Angehängte Datei (öffnen Sie sie am Ticket im Portal):'
      : 'Angehängte Dateien (öffnen Sie sie am Ticket im Portal):',
  replyByMail: () =>
    'Antworten Sie auf diese Mail, um dem Kunden zu antworten; mit #note am Anfang wird es eine interne Notiz.',
  staffFooter: ({ reference }) => `Referenznummer ${reference}.`,
  footer: ({ reference }) =>
    `Referenznummer ${reference}. Bitte geben Sie sie im Betreff an, wenn Sie uns zu dieser Anfrage schreiben.`,

  acknowledgement: (v) => ({
    subject: `Wir haben Ihre Anfrage erhalten: ${v.ticketSubject}`,
    blocks: [
      { type: 'paragraph', text: greeting(v.recipientName) },
      {
        type: 'paragraph',
        text: `vielen Dank für Ihre Nachricht. Wir haben Ihre Anfrage unter der Referenznummer ${v.reference} erfasst.`,
      },
      {
        type: 'facts',
        items: [
          ['Referenznummer', v.reference],
          ['Betreff', v.ticketSubject],
          ['Priorität', priority[v.priority]],
          ...(v.firstResponseDue ? [['Erste Antwort bis', v.firstResponseDue] as const] : []),
          ...(v.resolutionDue ? [['Lösung voraussichtlich bis', v.resolutionDue] as const] : []),
        ],
      },
      { type: 'paragraph', text: 'Ihre Anfrage:' },
      { type: 'quote', text: v.summary },
      { type: 'paragraph', text: 'So geht es weiter:' },
      {
        type: 'steps',
        items: [
          v.firstResponseDue
            ? `Ein Mitarbeiter unseres Support-Teams prüft Ihre Anfrage und antwortet Ihnen bis ${v.firstResponseDue}.`
            : 'Ein Mitarbeiter unseres Support-Teams prüft Ihre Anfrage und antwortet Ihnen so bald wie möglich.',
          'Im Portal können Sie den Bearbeitungsstand jederzeit verfolgen und weitere Informationen ergänzen.',
          'Sobald wir eine Lösung vorschlagen, können Sie diese annehmen oder uns mitteilen, dass das Problem weiterhin besteht.',
        ],
      },
      { type: 'actions', links: [{ label: 'Anfrage ansehen', url: v.ticketUrl }] },
      { type: 'paragraph', text: signOff },
    ],
  }),

  agentReply: (v) => ({
    subject: `Neue Antwort auf Ihre Anfrage: ${v.ticketSubject}`,
    blocks: [
      { type: 'paragraph', text: greeting(v.recipientName) },
      { type: 'paragraph', text: `${v.agentName} hat auf Ihre Anfrage ${v.reference} geantwortet:` },
      { type: 'quote', text: v.body },
      { type: 'actions', links: [{ label: 'Ansehen und antworten', url: v.ticketUrl }] },
      { type: 'paragraph', text: signOff },
    ],
  }),

  reminder: (v) => ({
    subject: `Erinnerung: ${v.elapsed} der ${clock[v.clock]} verstrichen – ${v.ticketSubject}`,
    blocks: [
      { type: 'paragraph', text: staffGreeting(v.recipientName) },
      {
        type: 'paragraph',
        text: v.assigneeName
          ? `das Ihnen zugewiesene Ticket ${v.reference} braucht Aufmerksamkeit: ${v.elapsed} der ${clock[v.clock]} sind verstrichen.`
          : `das nicht zugewiesene Ticket ${v.reference} in der Warteschlange ${v.queue} braucht Aufmerksamkeit: ${v.elapsed} der ${clock[v.clock]} sind verstrichen.`,
      },
      {
        type: 'facts',
        items: [
          ['Betreff', v.ticketSubject],
          ['Priorität', priority[v.priority]],
          ['Warteschlange', v.queue],
          ['Fällig', v.dueAt],
        ],
      },
      {
        type: 'paragraph',
        text:
          v.clock === 'timeToOpen'
            ? 'Bitte übernehmen Sie es oder senden Sie die erste Antwort, bevor die Frist abläuft.'
            : 'Bitte bringen Sie es einer Lösung näher, bevor die Frist abläuft.',
      },
      { type: 'actions', links: [{ label: 'Ticket öffnen', url: v.ticketUrl }] },
    ],
  }),

  escalation: (v) => ({
    subject:
      v.level === 'breach'
        ? `SLA verletzt (${clock[v.clock]}): ${v.ticketSubject}`
        : `SLA gefährdet (${clock[v.clock]}): ${v.ticketSubject}`,
    blocks: [
      { type: 'paragraph', text: staffGreeting(v.recipientName) },
      {
        type: 'paragraph',
        text:
          v.level === 'breach'
            ? `das Ticket ${v.reference} hat die Vorgabe für die ${clock[v.clock]} verfehlt; fällig war es am ${v.dueAt}.`
            : `beim Ticket ${v.reference} droht die Vorgabe für die ${clock[v.clock]} verfehlt zu werden; fällig ist es am ${v.dueAt}.`,
      },
      {
        type: 'facts',
        items: [
          ['Betreff', v.ticketSubject],
          ['Priorität', priority[v.priority]],
          ['Warteschlange', v.queue],
          ['Zugewiesen an', v.assigneeName ?? 'Nicht zugewiesen'],
          ['Fällig', v.dueAt],
        ],
      },
      {
        type: 'paragraph',
        text: 'Bitte prüfen Sie, ob das Ticket neu zugewiesen oder vorrangig bearbeitet werden muss.',
      },
      { type: 'actions', links: [{ label: 'Ticket öffnen', url: v.ticketUrl }] },
    ],
  }),

  requeued: (v) => ({
    subject: `Zurück in der Warteschlange ${v.queue}: ${v.ticketSubject}`,
    blocks: [
      { type: 'paragraph', text: staffGreeting(v.recipientName) },
      {
        type: 'paragraph',
        text: v.previousAssigneeName
          ? `das Ticket ${v.reference} war ${v.previousAssigneeName} zugewiesen, wurde aber nicht rechtzeitig übernommen. Es ist jetzt wieder in der Warteschlange ${v.queue}.`
          : `das Ticket ${v.reference} wurde nicht rechtzeitig übernommen und ist wieder in der Warteschlange ${v.queue}.`,
      },
      {
        type: 'facts',
        items: [
          ['Betreff', v.ticketSubject],
          ['Priorität', priority[v.priority]],
        ],
      },
      { type: 'paragraph', text: 'Bitte übernehmen Sie es, wenn Sie es bearbeiten können.' },
      { type: 'actions', links: [{ label: 'Ticket öffnen', url: v.ticketUrl }] },
    ],
  }),

  resolutionProposed: (v) => ({
    subject: `Lösungsvorschlag zu Ihrer Anfrage: ${v.ticketSubject}`,
    blocks: [
      { type: 'paragraph', text: greeting(v.recipientName) },
      {
        type: 'paragraph',
        text: v.agentName
          ? `${v.agentName} hat eine Lösung für Ihre Anfrage ${v.reference} vorgeschlagen.`
          : `wir haben eine Lösung für Ihre Anfrage ${v.reference} vorgeschlagen.`,
      },
      ...(v.solution ? [{ type: 'quote', text: v.solution } as const] : []),
      { type: 'paragraph', text: 'Ist Ihr Problem damit gelöst?' },
      {
        type: 'actions',
        links: [
          { label: 'Ja, Lösung annehmen', url: v.acceptUrl },
          { label: 'Nein, das Problem besteht weiterhin', url: v.reopenUrl },
        ],
      },
      ...(v.autoCloseAt
        ? [
            {
              type: 'paragraph',
              text: `Wenn wir nichts von Ihnen hören, wird die Anfrage am ${v.autoCloseAt} automatisch geschlossen.`,
            } as const,
          ]
        : []),
      { type: 'paragraph', text: signOff },
    ],
  }),

  ticketMerged: (v) => ({
    subject: `Ihre Anfrage wird als ${v.targetReference} weitergeführt: ${v.ticketSubject}`,
    blocks: [
      { type: 'paragraph', text: greeting(v.recipientName) },
      {
        type: 'paragraph',
        text: `Ihre Anfrage ${v.reference} betrifft dasselbe Anliegen wie ${v.targetReference} (${v.targetSubject}), daher haben wir beide zusammengeführt. Der bisherige Verlauf bleibt dort erhalten, und wir arbeiten unter ${v.targetReference} weiter.`,
      },
      {
        type: 'paragraph',
        text: 'Sie müssen nichts tun. Wenn Sie auf diese E-Mail antworten, erreicht Ihre Nachricht die zusammengeführte Anfrage.',
      },
      {
        type: 'actions',
        links: [
          { label: 'Zusammengeführte Anfrage ansehen', url: v.targetUrl },
          { label: 'Ihre ursprüngliche Anfrage', url: v.ticketUrl },
        ],
      },
      { type: 'paragraph', text: signOff },
    ],
  }),

  autoClosed: (v) => ({
    subject: `Ihre Anfrage wurde geschlossen: ${v.ticketSubject}`,
    blocks: [
      { type: 'paragraph', text: greeting(v.recipientName) },
      {
        type: 'paragraph',
        text: `wir hatten Ihnen eine Lösung für Ihre Anfrage ${v.reference} vorgeschlagen und seitdem nichts von Ihnen gehört. Deshalb wurde sie am ${v.closedAt} automatisch geschlossen.`,
      },
      {
        type: 'paragraph',
        text: 'Wie zufrieden waren Sie mit uns? Die Bewertung dauert weniger als eine Minute und hilft uns, besser zu werden.',
      },
      { type: 'actions', links: [{ label: 'Support bewerten', url: v.feedbackUrl }] },
      {
        type: 'paragraph',
        text: `Sollte das Problem erneut auftreten, eröffnen Sie bitte eine neue Anfrage und nennen Sie die Referenznummer ${v.reference}.`,
      },
      { type: 'paragraph', text: signOff },
    ],
  }),

  ticketCreated: (v) => ({
    subject: `Neues Ticket in ${v.queue}: ${v.ticketSubject}`,
    blocks: [
      { type: 'paragraph', text: staffGreeting(v.recipientName) },
      {
        type: 'paragraph',
        text: `${v.requesterName} hat das Ticket ${v.reference} in der Warteschlange ${v.queue} eröffnet.`,
      },
      {
        type: 'facts',
        items: [
          ['Betreff', v.ticketSubject],
          ['Priorität', priority[v.priority]],
          ['Warteschlange', v.queue],
        ],
      },
      { type: 'quote', text: v.summary },
      { type: 'actions', links: [{ label: 'Ticket öffnen', url: v.ticketUrl }] },
    ],
  }),

  clientReplied: (v) => ({
    subject: `Antwort von ${v.authorName}: ${v.ticketSubject}`,
    blocks: [
      { type: 'paragraph', text: staffGreeting(v.recipientName) },
      { type: 'paragraph', text: `${v.authorName} hat auf das Ticket ${v.reference} geantwortet:` },
      { type: 'quote', text: v.body },
      { type: 'actions', links: [{ label: 'Ticket öffnen', url: v.ticketUrl }] },
    ],
  }),

  ticketReopened: (v) => ({
    subject: `Wiedereröffnet von ${v.authorName}: ${v.ticketSubject}`,
    blocks: [
      { type: 'paragraph', text: staffGreeting(v.recipientName) },
      {
        type: 'paragraph',
        text: `${v.authorName} hat das Ticket ${v.reference} wiedereröffnet: Die vorgeschlagene Lösung hat nicht geholfen.`,
      },
      ...(v.body ? [{ type: 'quote', text: v.body } as const] : []),
      { type: 'actions', links: [{ label: 'Ticket öffnen', url: v.ticketUrl }] },
    ],
  }),

  ticketAssigned: (v) => ({
    subject: `Ihnen zugewiesen: ${v.ticketSubject}`,
    blocks: [
      { type: 'paragraph', text: staffGreeting(v.recipientName) },
      { type: 'paragraph', text: `${v.assignedBy} hat Ihnen das Ticket ${v.reference} zugewiesen.` },
      {
        type: 'facts',
        items: [
          ['Betreff', v.ticketSubject],
          ['Priorität', priority[v.priority]],
          ['Warteschlange', v.queue],
        ],
      },
      { type: 'actions', links: [{ label: 'Ticket öffnen', url: v.ticketUrl }] },
    ],
  }),

  mentioned: (v) => ({
    subject: `${v.authorName} hat Sie erwähnt: ${v.ticketSubject}`,
    blocks: [
      { type: 'paragraph', text: staffGreeting(v.recipientName) },
      {
        type: 'paragraph',
        text: `${v.authorName} hat Sie in einer internen Notiz zum Ticket ${v.reference} erwähnt:`,
      },
      { type: 'quote', text: v.body },
      { type: 'actions', links: [{ label: 'Ticket öffnen', url: v.ticketUrl }] },
    ],
  }),

  /** An automation rule's mail while the admins wrote no template for it (docs/mail-templates.md). */
  rule: (v) => ({
    subject: `Neuigkeiten zu ${v.ticketSubject}`,
    blocks: [
      { type: 'paragraph', text: `Hallo ${v.recipientName},` },
      { type: 'paragraph', text: `Es gibt Neuigkeiten zum Ticket ${v.reference}.` },
      {
        type: 'facts',
        items: [
          ['Betreff', v.ticketSubject],
          ['Status', v.status],
        ],
      },
      { type: 'actions', links: [{ label: 'Ticket öffnen', url: v.ticketUrl }] },
    ],
  }),
};
