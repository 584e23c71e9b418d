import type { StreamChange } from '#platform/stream.js';
import type { Message, Ticket } from '#tickets/schemas.js';

/**
 * Generated tickets for the search tests and the bench: deterministic (a seeded generator),
 * in four languages, as the stream hands them to the index (ticket items, message inserts).
 */

const fillers: Record<string, string[]> = {
  en: 'printer screen laptop invoice payment account password login network email server update install error crash slow broken monitor keyboard meeting report export import backup license renewal access permission folder document spreadsheet phone headset camera calendar'.split(
    ' ',
  ),
  de: 'Drucker Bildschirm Rechnung Zahlung Konto Passwort Anmeldung Netzwerk Server Aktualisierung Fehler Absturz langsam kaputt Tastatur Besprechung Bericht Sicherung Lizenz Zugriff Ordner Dokument Tabelle Telefon Kamera Kalender Verbindung Einstellungen'.split(
    ' ',
  ),
  pl: 'drukarka ekran faktura płatność konto hasło logowanie sieć serwer aktualizacja błąd awaria wolno zepsuty klawiatura spotkanie raport kopia licencja dostęp folder dokument arkusz telefon kamera kalendarz połączenie ustawienia'.split(
    ' ',
  ),
  et: 'printer ekraan arve makse konto parool sisselogimine võrk server uuendus viga krahh aeglane katki klaviatuur koosolek aruanne varukoopia litsents ligipääs kaust dokument tabel telefon kaamera kalender ühendus seaded'.split(
    ' ',
  ),
};
export const fixtureLanguages = Object.keys(fillers);

/** mulberry32 */
export const seeded = (seed: number) => {
  let state = seed;
  return () => {
    state += 0x6d2b79f5;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
};

/** A ULID-shaped id (Crockford letters), unique per prefix and number. */
export const fixtureId = (prefix: 'T' | 'M', n: number): string =>
  `01${prefix}${String(n).padStart(23, '0')}`;

export interface FixtureTicket {
  ticket: Ticket;
  messages: Message[];
}

export const fixtureTicket = (
  n: number,
  text: { subject: string; description: string; orgId?: string; status?: Ticket['status'] },
  messages: { body: string; internal?: boolean }[] = [],
): FixtureTicket => {
  const id = fixtureId('T', n);
  const createdAt = new Date(Date.UTC(2026, n % 12, 1 + (n % 27), 8, 0, n % 60)).toISOString();
  const requester = { id: `user-${n % 7}`, name: 'Client', email: `client${n % 7}@acme.example` };
  return {
    ticket: {
      id,
      reference: `HD-2026-${String(n).padStart(6, '0')}`,
      subject: text.subject,
      description: text.description,
      status: text.status ?? 'open',
      priority: (['low', 'normal', 'high', 'urgent'] as const)[n % 4] ?? 'normal',
      category: null,
      tags: [],
      queue: 'support',
      orgId: text.orgId ?? 'acme',
      requester,
      assignee: null,
      channel: 'web',
      version: 1,
      createdAt,
      updatedAt: createdAt,
      sla: {
        policyId: null,
        firstResponseDueAt: null,
        resolutionDueAt: null,
        totalDueAt: null,
        firstRespondedAt: null,
        breaches: [],
        paused: false,
      },
    } as Ticket,
    messages: messages.map((message, i) => ({
      id: fixtureId('M', n * 10 + i),
      ticketId: id,
      author: { id: 'user-agent', name: 'Agent', role: 'agent' },
      body: message.body,
      internal: message.internal ?? false,
      channel: 'web',
      createdAt,
    })),
  };
};

/** A filler ticket in one of the four languages: a few common words, nothing the tests look for. */
export const fillerTicket = (n: number, random: () => number, orgId = 'acme'): FixtureTicket => {
  const language = fixtureLanguages[n % fixtureLanguages.length] ?? 'en';
  const vocabulary = fillers[language] ?? [];
  const pick = (count: number) =>
    Array.from({ length: count }, () => vocabulary[Math.floor(random() * vocabulary.length)]).join(' ');
  return fixtureTicket(n, { subject: pick(3), description: `${pick(6)}.\n${pick(4)}.`, orgId }, [
    { body: pick(6) },
    ...(random() < 0.3 ? [{ body: pick(4), internal: true }] : []),
  ]);
};

/** The stream records that wrote the tickets: each ticket item, then its message inserts. */
export const streamOf = (tickets: readonly FixtureTicket[]): StreamChange[] =>
  tickets.flatMap(({ ticket, messages }, i) => [
    {
      eventName: 'INSERT' as const,
      sequence: `${i}`,
      oldImage: null,
      newImage: { entity: 'ticket', ...ticket },
    },
    ...messages.map((message, j) => ({
      eventName: 'INSERT' as const,
      sequence: `${i}.${j}`,
      oldImage: null,
      newImage: { entity: 'message', ...message },
    })),
  ]);
