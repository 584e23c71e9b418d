import type { Catalog } from './catalog.js';

const priority = { low: 'Madal', normal: 'Tavaline', high: 'Kõrge', urgent: 'Kiireloomuline' } as const;

/** Nominative for headings, elative after "50% … on möödunud", genitive before "tähtaeg". */
const clock = {
  timeToOpen: 'ülevõtmise aeg',
  timeToResolve: 'lahendamise aeg',
  totalServiceTime: 'teeninduse koguaeg',
} as const;
const clockElative = {
  timeToOpen: 'ülevõtmise ajast',
  timeToResolve: 'lahendamise ajast',
  totalServiceTime: 'teeninduse koguajast',
} as const;
const clockGenitive = {
  timeToOpen: 'ülevõtmise aja',
  timeToResolve: 'lahendamise aja',
  totalServiceTime: 'teeninduse koguaja',
} as const;

// Customers are addressed with the polite "Teie"; a request is a "pöördumine", a ticket among staff a "pilet".
const greeting = (name: string) => `Tere, ${name}!`;
const signOff = 'Lugupidamisega\nKlienditoe meeskond';

export const et: Catalog = {
  language: 'et',
  priorityLabel: (value) => priority[value],

  files: (count) =>
    count === 1
      ? 'Lisatud fail (avage see portaalis pileti juures):'
      : 'Lisatud failid (avage need portaalis pileti juures):',
  replyByMail: () => 'Kliendile vastamiseks vastake sellele kirjale; #note alguses teeb sellest sisemärkme.',
  staffFooter: ({ reference }) => `Viitenumber ${reference}.`,
  footer: ({ reference }) =>
    `Viitenumber ${reference}. Palun lisage see kirja teemasse alati, kui kirjutate meile selle pöördumise kohta.`,

  acknowledgement: (v) => ({
    subject: `Oleme Teie pöördumise kätte saanud: ${v.ticketSubject}`,
    blocks: [
      { type: 'paragraph', text: greeting(v.recipientName) },
      {
        type: 'paragraph',
        text: `Täname, et võtsite meiega ühendust. Registreerisime Teie pöördumise viitenumbriga ${v.reference}.`,
      },
      {
        type: 'facts',
        items: [
          ['Viitenumber', v.reference],
          ['Teema', v.ticketSubject],
          ['Prioriteet', priority[v.priority]],
          ...(v.firstResponseDue ? [['Esimene vastus hiljemalt', v.firstResponseDue] as const] : []),
          ...(v.resolutionDue ? [['Eeldatav lahendus hiljemalt', v.resolutionDue] as const] : []),
        ],
      },
      { type: 'paragraph', text: 'Teie pöördumine:' },
      { type: 'quote', text: v.summary },
      { type: 'paragraph', text: 'Mis edasi saab:' },
      {
        type: 'steps',
        items: [
          v.firstResponseDue
            ? `Meie klienditoe spetsialist vaatab Teie pöördumise läbi ja vastab hiljemalt ${v.firstResponseDue}.`
            : 'Meie klienditoe spetsialist vaatab Teie pöördumise läbi ja vastab esimesel võimalusel.',
          'Portaalis saate igal ajal jälgida pöördumise käiku ja lisada täiendavat infot.',
          'Kui pakume välja lahenduse, saate selle heaks kiita või anda meile teada, et probleem püsib.',
        ],
      },
      { type: 'actions', links: [{ label: 'Vaata pöördumist', url: v.ticketUrl }] },
      { type: 'paragraph', text: signOff },
    ],
  }),

  agentReply: (v) => ({
    subject: `Uus vastus Teie pöördumisele: ${v.ticketSubject}`,
    blocks: [
      { type: 'paragraph', text: greeting(v.recipientName) },
      { type: 'paragraph', text: `${v.agentName} vastas Teie pöördumisele ${v.reference}:` },
      { type: 'quote', text: v.body },
      { type: 'actions', links: [{ label: 'Vaata ja vasta', url: v.ticketUrl }] },
      { type: 'paragraph', text: signOff },
    ],
  }),

  reminder: (v) => ({
    subject: `Meeldetuletus: ${v.elapsed} ${clockElative[v.clock]} on möödunud – ${v.ticketSubject}`,
    blocks: [
      { type: 'paragraph', text: greeting(v.recipientName) },
      {
        type: 'paragraph',
        text: v.assigneeName
          ? `Teile määratud pilet ${v.reference} vajab tähelepanu: ${v.elapsed} ${clockElative[v.clock]} on möödunud.`
          : `Määramata pilet ${v.reference} järjekorras ${v.queue} vajab tähelepanu: ${v.elapsed} ${clockElative[v.clock]} on möödunud.`,
      },
      {
        type: 'facts',
        items: [
          ['Teema', v.ticketSubject],
          ['Prioriteet', priority[v.priority]],
          ['Järjekord', v.queue],
          ['Tähtaeg', v.dueAt],
        ],
      },
      {
        type: 'paragraph',
        text:
          v.clock === 'timeToOpen'
            ? 'Palun võtke pilet üle või saatke esimene vastus enne tähtaega.'
            : 'Palun püüdke pilet enne tähtaega lahendada.',
      },
      { type: 'actions', links: [{ label: 'Ava pilet', url: v.ticketUrl }] },
    ],
  }),

  escalation: (v) => ({
    subject:
      v.level === 'breach'
        ? `SLA rikutud (${clock[v.clock]}): ${v.ticketSubject}`
        : `SLA ohus (${clock[v.clock]}): ${v.ticketSubject}`,
    blocks: [
      { type: 'paragraph', text: greeting(v.recipientName) },
      {
        type: 'paragraph',
        text:
          v.level === 'breach'
            ? `Pileti ${v.reference} ${clockGenitive[v.clock]} tähtaeg (${v.dueAt}) on ületatud.`
            : `Pileti ${v.reference} ${clockGenitive[v.clock]} tähtaeg (${v.dueAt}) on ohus.`,
      },
      {
        type: 'facts',
        items: [
          ['Teema', v.ticketSubject],
          ['Prioriteet', priority[v.priority]],
          ['Järjekord', v.queue],
          ['Vastutaja', v.assigneeName ?? 'Määramata'],
          ['Tähtaeg', v.dueAt],
        ],
      },
      {
        type: 'paragraph',
        text: 'Palun kontrollige, kas pilet tuleks kellelegi teisele määrata või tõsta selle prioriteeti.',
      },
      { type: 'actions', links: [{ label: 'Ava pilet', url: v.ticketUrl }] },
    ],
  }),

  requeued: (v) => ({
    subject: `Tagasi järjekorras ${v.queue}: ${v.ticketSubject}`,
    blocks: [
      { type: 'paragraph', text: greeting(v.recipientName) },
      {
        type: 'paragraph',
        text: v.previousAssigneeName
          ? `Pilet ${v.reference} oli määratud töötajale ${v.previousAssigneeName}, kuid seda ei võetud õigeaegselt üle. Pilet on tagasi järjekorras ${v.queue}.`
          : `Piletit ${v.reference} ei võetud õigeaegselt üle ja see on tagasi järjekorras ${v.queue}.`,
      },
      {
        type: 'facts',
        items: [
          ['Teema', v.ticketSubject],
          ['Prioriteet', priority[v.priority]],
        ],
      },
      { type: 'paragraph', text: 'Palun võtke pilet üle, kui saate sellega tegeleda.' },
      { type: 'actions', links: [{ label: 'Ava pilet', url: v.ticketUrl }] },
    ],
  }),

  resolutionProposed: (v) => ({
    subject: `Teie pöördumisele on pakutud lahendus: ${v.ticketSubject}`,
    blocks: [
      { type: 'paragraph', text: greeting(v.recipientName) },
      {
        type: 'paragraph',
        text: v.agentName
          ? `${v.agentName} pakkus Teie pöördumisele ${v.reference} lahenduse.`
          : `Pakkusime Teie pöördumisele ${v.reference} lahenduse.`,
      },
      ...(v.solution ? [{ type: 'quote', text: v.solution } as const] : []),
      { type: 'paragraph', text: 'Kas see lahendab Teie probleemi?' },
      {
        type: 'actions',
        links: [
          { label: 'Jah, kinnitan lahenduse', url: v.acceptUrl },
          { label: 'Ei, probleem püsib', url: v.reopenUrl },
        ],
      },
      ...(v.autoCloseAt
        ? [
            {
              type: 'paragraph',
              text: `Kui me Teilt vastust ei saa, suletakse pöördumine automaatselt (${v.autoCloseAt}).`,
            } as const,
          ]
        : []),
      { type: 'paragraph', text: signOff },
    ],
  }),

  ticketMerged: (v) => ({
    subject: `Teie pöördumine jätkub numbriga ${v.targetReference}: ${v.ticketSubject}`,
    blocks: [
      { type: 'paragraph', text: greeting(v.recipientName) },
      {
        type: 'paragraph',
        text: `Teie pöördumine ${v.reference} puudutab sama küsimust mis ${v.targetReference} (${v.targetSubject}), seega ühendasime need. Senine kirjavahetus on seal alles ja jätkame numbriga ${v.targetReference}.`,
      },
      {
        type: 'paragraph',
        text: 'Teil ei ole vaja midagi teha. Kui vastate sellele kirjale, jõuab Teie sõnum ühendatud pöördumiseni.',
      },
      {
        type: 'actions',
        links: [
          { label: 'Vaata ühendatud pöördumist', url: v.targetUrl },
          { label: 'Teie algne pöördumine', url: v.ticketUrl },
        ],
      },
      { type: 'paragraph', text: signOff },
    ],
  }),

  autoClosed: (v) => ({
    subject: `Teie pöördumine on suletud: ${v.ticketSubject}`,
    blocks: [
      { type: 'paragraph', text: greeting(v.recipientName) },
      {
        type: 'paragraph',
        text: `Pakkusime Teie pöördumisele ${v.reference} lahenduse, kuid ei saanud Teilt vastust, seega suleti pöördumine automaatselt (${v.closedAt}).`,
      },
      {
        type: 'paragraph',
        text: 'Kuidas jäite meie teenindusega rahule? Hindamine võtab vähem kui minuti ja aitab meil paremaks saada.',
      },
      { type: 'actions', links: [{ label: 'Hinda teenindust', url: v.feedbackUrl }] },
      {
        type: 'paragraph',
        text: `Kui probleem kordub, looge palun uus pöördumine ja märkige viitenumber ${v.reference}.`,
      },
      { type: 'paragraph', text: signOff },
    ],
  }),

  ticketCreated: (v) => ({
    subject: `Uus pilet järjekorras ${v.queue}: ${v.ticketSubject}`,
    blocks: [
      { type: 'paragraph', text: greeting(v.recipientName) },
      { type: 'paragraph', text: `${v.requesterName} avas pileti ${v.reference} järjekorras ${v.queue}.` },
      {
        type: 'facts',
        items: [
          ['Teema', v.ticketSubject],
          ['Prioriteet', priority[v.priority]],
          ['Järjekord', v.queue],
        ],
      },
      { type: 'quote', text: v.summary },
      { type: 'actions', links: [{ label: 'Ava pilet', url: v.ticketUrl }] },
    ],
  }),

  clientReplied: (v) => ({
    subject: `${v.authorName} vastas: ${v.ticketSubject}`,
    blocks: [
      { type: 'paragraph', text: greeting(v.recipientName) },
      { type: 'paragraph', text: `${v.authorName} vastas piletile ${v.reference}:` },
      { type: 'quote', text: v.body },
      { type: 'actions', links: [{ label: 'Ava pilet', url: v.ticketUrl }] },
    ],
  }),

  ticketReopened: (v) => ({
    subject: `${v.authorName} avas pileti uuesti: ${v.ticketSubject}`,
    blocks: [
      { type: 'paragraph', text: greeting(v.recipientName) },
      {
        type: 'paragraph',
        text: `${v.authorName} avas pileti ${v.reference} uuesti: pakutud lahendus ei aidanud.`,
      },
      ...(v.body ? [{ type: 'quote', text: v.body } as const] : []),
      { type: 'actions', links: [{ label: 'Ava pilet', url: v.ticketUrl }] },
    ],
  }),

  ticketAssigned: (v) => ({
    subject: `Teile määratud: ${v.ticketSubject}`,
    blocks: [
      { type: 'paragraph', text: greeting(v.recipientName) },
      { type: 'paragraph', text: `${v.assignedBy} määras pileti ${v.reference} Teile.` },
      {
        type: 'facts',
        items: [
          ['Teema', v.ticketSubject],
          ['Prioriteet', priority[v.priority]],
          ['Järjekord', v.queue],
        ],
      },
      { type: 'actions', links: [{ label: 'Ava pilet', url: v.ticketUrl }] },
    ],
  }),

  mentioned: (v) => ({
    subject: `${v.authorName} mainis Teid: ${v.ticketSubject}`,
    blocks: [
      { type: 'paragraph', text: greeting(v.recipientName) },
      { type: 'paragraph', text: `${v.authorName} mainis Teid pileti ${v.reference} sisemärkmes:` },
      { type: 'quote', text: v.body },
      { type: 'actions', links: [{ label: 'Ava pilet', url: v.ticketUrl }] },
    ],
  }),

  /** An automation rule's mail while the admins wrote no template for it (docs/mail-templates.md). */
  rule: (v) => ({
    subject: `Uudised: ${v.ticketSubject}`,
    blocks: [
      { type: 'paragraph', text: `Tere, ${v.recipientName}!` },
      { type: 'paragraph', text: `Piletil ${v.reference} on uudiseid.` },
      {
        type: 'facts',
        items: [
          ['Teema', v.ticketSubject],
          ['Olek', v.status],
        ],
      },
      { type: 'actions', links: [{ label: 'Ava pilet', url: v.ticketUrl }] },
    ],
  }),
};
