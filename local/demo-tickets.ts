import type { UserCaller } from '#identity/caller.js';
import type { CreateTicketBody, PatchTicketBody } from '#tickets/schemas.js';
import { addMessage } from '#tickets/use-cases/add-message.js';
import { createTicket } from '#tickets/use-cases/create-ticket.js';
import type { TicketDeps } from '#tickets/use-cases/deps.js';
import { giveFeedback } from '#tickets/use-cases/give-feedback.js';
import { acceptTicket, resolveTicket } from '#tickets/use-cases/resolution.js';
import { patchTicket } from '#tickets/use-cases/update-ticket.js';
import { demoUsers } from './seed.js';

type DemoLogin = (typeof demoUsers)[number]['email'];

/** One step of a demo ticket's life, as the person named did it in the portal. */
type Step =
  | { by: DemoLogin; patch: PatchTicketBody }
  | { by: DemoLogin; reply: string; internal?: boolean }
  | { by: DemoLogin; resolve: string }
  | { by: DemoLogin; accept: true }
  | { by: DemoLogin; feedback: { rating: number; comment?: string } };

interface DemoTicket {
  by: DemoLogin;
  ticket: CreateTicketBody;
  steps?: Step[];
}

const acme = 'client@acme.example';
const globex = 'client@globex.example';
const agent = 'agent@helpdesk.example';
const agent2 = 'agent2@helpdesk.example';
const pickUp: PatchTicketBody = { assignee: 'me', status: 'open' };

/**
 * A desk in mid-flow: every status, every queue, both organisations, each priority, replies and
 * an internal note. Acme's clients may set a priority; Globex's may not, so an agent sets it.
 */
export const demoTickets: DemoTicket[] = [
  {
    by: acme,
    ticket: {
      subject: 'VPN drops every few minutes',
      description:
        'Since this morning the VPN disconnects every 3–4 minutes, on the office Wi-Fi and at home. Colleagues in sales see the same.',
      category: 'incident',
      priority: 'high',
    },
  },
  {
    by: globex,
    ticket: {
      subject: 'Angebot für 20 zusätzliche Lizenzen',
      description:
        'Wir stellen im Mai neue Mitarbeitende ein und brauchen ein Angebot für 20 weitere Lizenzen.',
      category: 'billing',
    },
    steps: [{ by: agent, patch: { queue: 'billing', priority: 'low' } }],
  },
  {
    by: agent,
    ticket: {
      subject: 'Order export to the warehouse fails with error 502',
      description:
        'Reported by phone: the nightly order export to the warehouse stopped at 02:10 with "502 Bad Gateway". Orders are piling up.',
      category: 'incident',
      priority: 'urgent',
      queue: 'technical',
      channel: 'phone',
      orgId: 'acme',
      requester: { email: acme },
    },
    steps: [
      { by: agent2, patch: pickUp },
      {
        by: agent2,
        reply:
          'We are on it: the export job hits a timeout on the warehouse side. I will update you within the hour.',
      },
      {
        by: agent2,
        reply: 'Warehouse API answers in 35 s since their update on Monday; our client gives up after 30 s.',
        internal: true,
      },
      // The client writes back: the answered ticket is open again (docs/sla.md, statuses).
      { by: acme, reply: 'Thanks. Orders from the night shift are still stuck, is there a workaround?' },
    ],
  },
  {
    by: globex,
    ticket: {
      subject: 'Rechnung März doppelt abgebucht',
      description:
        'Die Rechnung RE-2026-0312 wurde zweimal von unserem Konto abgebucht. Bitte prüfen Sie das.',
      category: 'billing',
    },
    steps: [
      { by: agent, patch: { ...pickUp, queue: 'billing', priority: 'high' } },
      {
        by: agent,
        reply:
          'Danke für den Hinweis. Können Sie uns die Buchungsbelege beider Abbuchungen schicken? Dann veranlassen wir die Erstattung.',
      },
      { by: agent, patch: { status: 'pending' } },
    ],
  },
  {
    by: acme,
    ticket: {
      subject: 'Access to the reporting dashboard for a new colleague',
      description: 'Please give Ben Miller (ben.miller@acme.example) read access to the sales reports.',
      category: 'access',
      priority: 'normal',
    },
    steps: [
      { by: agent, patch: pickUp },
      {
        by: agent,
        resolve: 'Ben now has read access to the sales reports; he sees them after his next sign-in.',
      },
    ],
  },
  {
    by: acme,
    ticket: {
      subject: 'Printer on floor 3 is offline',
      description:
        'The printer next to the kitchen on floor 3 shows "offline" on every laptop since the power cut.',
      category: 'incident',
      priority: 'normal',
    },
    steps: [
      { by: agent2, patch: pickUp },
      { by: agent2, resolve: 'The printer lost its fixed address after the power cut; it is back online.' },
      { by: acme, accept: true },
      { by: acme, feedback: { rating: 5, comment: 'Quick and clear, thank you.' } },
    ],
  },
  {
    by: globex,
    ticket: {
      subject: 'Wie exportiere ich Berichte als CSV?',
      description: 'Im Berichtsbereich finde ich nur PDF. Gibt es auch einen CSV-Export?',
      category: 'question',
    },
    steps: [
      { by: agent, patch: pickUp },
      {
        by: agent,
        resolve:
          'Ja: Bericht öffnen, oben rechts auf „Exportieren“ klicken und „CSV“ wählen. Die Datei enthält alle gefilterten Zeilen.',
      },
      { by: globex, accept: true },
    ],
  },
];

const callerOf = (email: DemoLogin): UserCaller => {
  const user = demoUsers.find((candidate) => candidate.email === email);
  if (!user) throw new Error(`No demo user ${email}`);
  return { kind: 'user', ...user };
};

/**
 * Opens the demo tickets through the product's own use cases (the deps of the routes that change
 * tickets), so each carries a real SLA block, timer, history and mails. Called once per table
 * (`openDemoTickets` in ./prepare.ts claims its seed marker first); returns how many it opened. An aborted `signal` (npm start
 * stopping) ends it after the step under way.
 */
export const seedDemoTickets = async (deps: TicketDeps, signal?: AbortSignal): Promise<number> => {
  for (const [index, demo] of demoTickets.entries()) {
    if (signal?.aborted) return index;
    const { ticket } = await createTicket(deps, callerOf(demo.by), demo.ticket, `demo-ticket-${index + 1}`);
    for (const step of demo.steps ?? []) {
      if (signal?.aborted) return index + 1;
      const caller = callerOf(step.by);
      if ('patch' in step) await patchTicket(deps, caller, ticket.id, step.patch);
      else if ('reply' in step)
        await addMessage(deps, caller, ticket.id, { body: step.reply, internal: step.internal ?? false });
      else if ('resolve' in step) await resolveTicket(deps, caller, ticket.id, { message: step.resolve });
      else if ('accept' in step) await acceptTicket(deps, caller, ticket.id);
      else await giveFeedback(deps, caller, ticket.id, step.feedback);
    }
  }
  return demoTickets.length;
};
