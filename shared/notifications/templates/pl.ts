import type { Catalog } from './catalog.js';

const priority = { low: 'Niski', normal: 'Normalny', high: 'Wysoki', urgent: 'Pilny' } as const;

/** Nominative for headings, genitive after "minęło 50% …" and "limit …". */
const clock = {
  timeToOpen: 'czas na podjęcie',
  timeToResolve: 'czas na rozwiązanie',
  totalServiceTime: 'całkowity czas obsługi',
} as const;
const clockGenitive = {
  timeToOpen: 'czasu na podjęcie',
  timeToResolve: 'czasu na rozwiązanie',
  totalServiceTime: 'całkowitego czasu obsługi',
} as const;

// Polish addresses a person by name only in the vocative, which cannot be derived from a
// stored name: the salutation stays neutral, and past-tense verbs (gendered) are avoided.
const greeting = 'Dzień dobry,';
const signOff = 'Pozdrawiamy\nZespół wsparcia';

export const pl: Catalog = {
  language: 'pl',
  priorityLabel: (value) => priority[value],

  files: (count) =>
    count === 1
      ? 'Załączony plik (otwórz go w zgłoszeniu w portalu):'
      : 'Załączone pliki (otwórz je w zgłoszeniu w portalu):',
  replyByMail: () =>
    'Odpowiedz na tę wiadomość, aby odpisać klientowi; #note na początku tworzy notatkę wewnętrzną.',
  staffFooter: ({ reference }) => `Numer zgłoszenia: ${reference}.`,
  footer: ({ reference }) =>
    `Numer zgłoszenia: ${reference}. Prosimy podawać go w temacie każdej wiadomości dotyczącej tej sprawy.`,

  acknowledgement: (v) => ({
    subject: `Otrzymaliśmy Twoje zgłoszenie: ${v.ticketSubject}`,
    blocks: [
      { type: 'paragraph', text: greeting },
      {
        type: 'paragraph',
        text: `Dziękujemy za kontakt. Twoje zgłoszenie zostało zarejestrowane pod numerem ${v.reference}.`,
      },
      {
        type: 'facts',
        items: [
          ['Numer zgłoszenia', v.reference],
          ['Temat', v.ticketSubject],
          ['Priorytet', priority[v.priority]],
          ...(v.firstResponseDue ? [['Pierwsza odpowiedź do', v.firstResponseDue] as const] : []),
          ...(v.resolutionDue ? [['Przewidywane rozwiązanie do', v.resolutionDue] as const] : []),
        ],
      },
      { type: 'paragraph', text: 'Treść zgłoszenia:' },
      { type: 'quote', text: v.summary },
      { type: 'paragraph', text: 'Co dalej:' },
      {
        type: 'steps',
        items: [
          v.firstResponseDue
            ? `Nasz konsultant zapozna się ze zgłoszeniem i odpowie najpóźniej do ${v.firstResponseDue}.`
            : 'Nasz konsultant zapozna się ze zgłoszeniem i odpowie najszybciej, jak to możliwe.',
          'W portalu możesz w każdej chwili sprawdzić postęp prac i dodać nowe informacje.',
          'Gdy zaproponujemy rozwiązanie, możesz je zaakceptować albo dać nam znać, że problem nadal występuje.',
        ],
      },
      { type: 'actions', links: [{ label: 'Zobacz zgłoszenie', url: v.ticketUrl }] },
      { type: 'paragraph', text: signOff },
    ],
  }),

  agentReply: (v) => ({
    subject: `Nowa odpowiedź na Twoje zgłoszenie: ${v.ticketSubject}`,
    blocks: [
      { type: 'paragraph', text: greeting },
      {
        type: 'paragraph',
        text: `Pojawiła się nowa odpowiedź na Twoje zgłoszenie ${v.reference} (konsultant: ${v.agentName}):`,
      },
      { type: 'quote', text: v.body },
      { type: 'actions', links: [{ label: 'Zobacz i odpowiedz', url: v.ticketUrl }] },
      { type: 'paragraph', text: signOff },
    ],
  }),

  reminder: (v) => ({
    subject: `Przypomnienie: minęło ${v.elapsed} ${clockGenitive[v.clock]} – ${v.ticketSubject}`,
    blocks: [
      { type: 'paragraph', text: greeting },
      {
        type: 'paragraph',
        text: v.assigneeName
          ? `Przypisane do Ciebie zgłoszenie ${v.reference} wymaga uwagi: minęło ${v.elapsed} ${clockGenitive[v.clock]}.`
          : `Nieprzypisane zgłoszenie ${v.reference} w kolejce ${v.queue} wymaga uwagi: minęło ${v.elapsed} ${clockGenitive[v.clock]}.`,
      },
      {
        type: 'facts',
        items: [
          ['Temat', v.ticketSubject],
          ['Priorytet', priority[v.priority]],
          ['Kolejka', v.queue],
          ['Termin', v.dueAt],
        ],
      },
      {
        type: 'paragraph',
        text:
          v.clock === 'timeToOpen'
            ? 'Podejmij je lub wyślij pierwszą odpowiedź przed upływem terminu.'
            : 'Postaraj się doprowadzić je do rozwiązania przed upływem terminu.',
      },
      { type: 'actions', links: [{ label: 'Otwórz zgłoszenie', url: v.ticketUrl }] },
    ],
  }),

  escalation: (v) => ({
    subject:
      v.level === 'breach'
        ? `Naruszenie SLA (${clock[v.clock]}): ${v.ticketSubject}`
        : `Zagrożone SLA (${clock[v.clock]}): ${v.ticketSubject}`,
    blocks: [
      { type: 'paragraph', text: greeting },
      {
        type: 'paragraph',
        text:
          v.level === 'breach'
            ? `Zgłoszenie ${v.reference} przekroczyło limit ${clockGenitive[v.clock]}. Termin: ${v.dueAt}.`
            : `Zgłoszenie ${v.reference} może przekroczyć limit ${clockGenitive[v.clock]}. Termin: ${v.dueAt}.`,
      },
      {
        type: 'facts',
        items: [
          ['Temat', v.ticketSubject],
          ['Priorytet', priority[v.priority]],
          ['Kolejka', v.queue],
          ['Przypisane do', v.assigneeName ?? 'Nieprzypisane'],
          ['Termin', v.dueAt],
        ],
      },
      {
        type: 'paragraph',
        text: 'Sprawdź, czy zgłoszenie trzeba przekazać komuś innemu lub nadać mu wyższy priorytet.',
      },
      { type: 'actions', links: [{ label: 'Otwórz zgłoszenie', url: v.ticketUrl }] },
    ],
  }),

  requeued: (v) => ({
    subject: `Z powrotem w kolejce ${v.queue}: ${v.ticketSubject}`,
    blocks: [
      { type: 'paragraph', text: greeting },
      {
        type: 'paragraph',
        text: v.previousAssigneeName
          ? `Zgłoszenie ${v.reference} (wcześniej przypisane: ${v.previousAssigneeName}) nie zostało podjęte na czas i wróciło do kolejki ${v.queue}.`
          : `Zgłoszenie ${v.reference} nie zostało podjęte na czas i wróciło do kolejki ${v.queue}.`,
      },
      {
        type: 'facts',
        items: [
          ['Temat', v.ticketSubject],
          ['Priorytet', priority[v.priority]],
        ],
      },
      { type: 'paragraph', text: 'Podejmij je, jeśli możesz się nim zająć.' },
      { type: 'actions', links: [{ label: 'Otwórz zgłoszenie', url: v.ticketUrl }] },
    ],
  }),

  resolutionProposed: (v) => ({
    subject: `Propozycja rozwiązania Twojego zgłoszenia: ${v.ticketSubject}`,
    blocks: [
      { type: 'paragraph', text: greeting },
      {
        type: 'paragraph',
        text: v.agentName
          ? `Zaproponowaliśmy rozwiązanie Twojego zgłoszenia ${v.reference} (konsultant: ${v.agentName}).`
          : `Zaproponowaliśmy rozwiązanie Twojego zgłoszenia ${v.reference}.`,
      },
      ...(v.solution ? [{ type: 'quote', text: v.solution } as const] : []),
      { type: 'paragraph', text: 'Czy to rozwiązuje Twój problem?' },
      {
        type: 'actions',
        links: [
          { label: 'Tak, akceptuję rozwiązanie', url: v.acceptUrl },
          { label: 'Nie, problem nadal występuje', url: v.reopenUrl },
        ],
      },
      ...(v.autoCloseAt
        ? [
            {
              type: 'paragraph',
              text: `Jeśli nie otrzymamy od Ciebie odpowiedzi, zgłoszenie zostanie automatycznie zamknięte (${v.autoCloseAt}).`,
            } as const,
          ]
        : []),
      { type: 'paragraph', text: signOff },
    ],
  }),

  ticketMerged: (v) => ({
    subject: `Twoje zgłoszenie jest kontynuowane jako ${v.targetReference}: ${v.ticketSubject}`,
    blocks: [
      { type: 'paragraph', text: greeting },
      {
        type: 'paragraph',
        text: `Twoje zgłoszenie ${v.reference} dotyczy tej samej sprawy co ${v.targetReference} (${v.targetSubject}), dlatego połączyliśmy je. Dotychczasowa korespondencja jest tam zachowana, a dalsza obsługa odbywa się w ramach ${v.targetReference}.`,
      },
      {
        type: 'paragraph',
        text: 'Nie musisz nic robić. Jeśli odpowiesz na tę wiadomość, trafi ona do połączonego zgłoszenia.',
      },
      {
        type: 'actions',
        links: [
          { label: 'Zobacz połączone zgłoszenie', url: v.targetUrl },
          { label: 'Twoje pierwotne zgłoszenie', url: v.ticketUrl },
        ],
      },
      { type: 'paragraph', text: signOff },
    ],
  }),

  autoClosed: (v) => ({
    subject: `Twoje zgłoszenie zostało zamknięte: ${v.ticketSubject}`,
    blocks: [
      { type: 'paragraph', text: greeting },
      {
        type: 'paragraph',
        text: `Zaproponowaliśmy rozwiązanie Twojego zgłoszenia ${v.reference}, a ponieważ nie otrzymaliśmy odpowiedzi, zgłoszenie zostało automatycznie zamknięte (${v.closedAt}).`,
      },
      {
        type: 'paragraph',
        text: 'Jak oceniasz naszą pomoc? Ocena zajmie mniej niż minutę i pomoże nam działać lepiej.',
      },
      { type: 'actions', links: [{ label: 'Oceń obsługę', url: v.feedbackUrl }] },
      {
        type: 'paragraph',
        text: `Jeśli problem powróci, utwórz nowe zgłoszenie i podaj numer ${v.reference}.`,
      },
      { type: 'paragraph', text: signOff },
    ],
  }),

  ticketCreated: (v) => ({
    subject: `Nowe zgłoszenie w kolejce ${v.queue}: ${v.ticketSubject}`,
    blocks: [
      { type: 'paragraph', text: greeting },
      {
        type: 'paragraph',
        text: `Nowe zgłoszenie ${v.reference} w kolejce ${v.queue} (zgłaszający: ${v.requesterName}).`,
      },
      {
        type: 'facts',
        items: [
          ['Temat', v.ticketSubject],
          ['Priorytet', priority[v.priority]],
          ['Kolejka', v.queue],
        ],
      },
      { type: 'quote', text: v.summary },
      { type: 'actions', links: [{ label: 'Otwórz zgłoszenie', url: v.ticketUrl }] },
    ],
  }),

  clientReplied: (v) => ({
    subject: `Nowa odpowiedź klienta (${v.authorName}): ${v.ticketSubject}`,
    blocks: [
      { type: 'paragraph', text: greeting },
      { type: 'paragraph', text: `Nowa odpowiedź w zgłoszeniu ${v.reference} (autor: ${v.authorName}):` },
      { type: 'quote', text: v.body },
      { type: 'actions', links: [{ label: 'Otwórz zgłoszenie', url: v.ticketUrl }] },
    ],
  }),

  ticketReopened: (v) => ({
    subject: `Zgłoszenie ponownie otwarte (${v.authorName}): ${v.ticketSubject}`,
    blocks: [
      { type: 'paragraph', text: greeting },
      {
        type: 'paragraph',
        text: `Zgłoszenie ${v.reference} zostało ponownie otwarte (klient: ${v.authorName}): zaproponowane rozwiązanie nie pomogło.`,
      },
      ...(v.body ? [{ type: 'quote', text: v.body } as const] : []),
      { type: 'actions', links: [{ label: 'Otwórz zgłoszenie', url: v.ticketUrl }] },
    ],
  }),

  ticketAssigned: (v) => ({
    subject: `Przypisane do Ciebie: ${v.ticketSubject}`,
    blocks: [
      { type: 'paragraph', text: greeting },
      {
        type: 'paragraph',
        text: `Zgłoszenie ${v.reference} jest teraz przypisane do Ciebie (przypisanie: ${v.assignedBy}).`,
      },
      {
        type: 'facts',
        items: [
          ['Temat', v.ticketSubject],
          ['Priorytet', priority[v.priority]],
          ['Kolejka', v.queue],
        ],
      },
      { type: 'actions', links: [{ label: 'Otwórz zgłoszenie', url: v.ticketUrl }] },
    ],
  }),

  mentioned: (v) => ({
    subject: `Wzmianka o Tobie (${v.authorName}): ${v.ticketSubject}`,
    blocks: [
      { type: 'paragraph', text: greeting },
      {
        type: 'paragraph',
        text: `Wspomniano o Tobie w notatce wewnętrznej do zgłoszenia ${v.reference} (autor: ${v.authorName}):`,
      },
      { type: 'quote', text: v.body },
      { type: 'actions', links: [{ label: 'Otwórz zgłoszenie', url: v.ticketUrl }] },
    ],
  }),

  /** An automation rule's mail while the admins wrote no template for it (docs/mail-templates.md). */
  rule: (v) => ({
    subject: `Aktualizacja: ${v.ticketSubject}`,
    blocks: [
      { type: 'paragraph', text: `Dzień dobry ${v.recipientName},` },
      { type: 'paragraph', text: `Mamy nowe informacje w zgłoszeniu ${v.reference}.` },
      {
        type: 'facts',
        items: [
          ['Temat', v.ticketSubject],
          ['Status', v.status],
        ],
      },
      { type: 'actions', links: [{ label: 'Otwórz zgłoszenie', url: v.ticketUrl }] },
    ],
  }),
};
