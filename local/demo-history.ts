import { type DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulid';
import { agentStateEntity } from '#platform/table/agent-state.js';
import { counterEntity } from '#platform/table/counter.js';
import { ticketReferenceEntity } from '#platform/table/inbound-mail.js';
import { queueCountShardEntity } from '#platform/table/queue.js';
import { eventEntity, messageEntity } from '#platform/table/ticket.js';
import { DynamoBulkReportStore } from '#reports/adapters/dynamodb-bulk-report-store.js';
import { type RecordDeps, recordFeedback, recordTicketChange } from '#reports/use-cases/record-change.js';
import { feedbackItem, messageItem, ticketItem } from '#tickets/adapters/ticket-items.js';
import type { Author, Feedback, Message, Priority, Ticket } from '#tickets/schemas.js';
import { emptySla, type SlaBreach } from '#tickets/sla-state.js';
import { loadsAssignee } from '#tickets/status.js';
import { formatReference, referenceCounter } from '#tickets/ticket.js';

/**
 * The demo history (docs/reports.md, "Demo history"): months of a help desk's past, written
 * straight into the table with past timestamps so Reports has something to show on a fresh
 * `npm start`. Each ticket is generated as the stream would have delivered its writes (created,
 * SLA breaches, first reply, resolution, reopen, closure, rating); the reports use cases count
 * them into memory (DynamoBulkReportStore) and everything is then written in batches: the report
 * aggregates first, then the tickets, their messages and ratings, so the live reports consumer
 * finds each ticket already counted at its version. No history events are written (they would
 * mail every requester): a ticket's page shows its messages, not its history, and a later
 * `npm run reports:rebuild` sees these tickets as created only.
 */

export interface DemoHistoryOptions {
  tickets: number;
  days: number;
  /** Seed of the generator: the same seed, the same history. */
  seed: number;
  now?: Date;
  /** Aborted: writing stops after the batches under way. */
  signal?: AbortSignal;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const mulberry32 = (start: number) => {
  let seed = start;
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = seed;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
};

interface Template {
  subject: string;
  description: string;
  category: string;
  queue: 'general' | 'billing' | 'technical';
  tags: string[];
}

const template = (
  category: string,
  queue: Template['queue'],
  tags: string[],
  subject: string,
  description: string,
): Template => ({ subject, description, category, queue, tags });

/** Everyday requests in the four portal languages. */
const everyday: Template[] = [
  template(
    'incident',
    'technical',
    ['printer'],
    'Printer on floor 2 does not print',
    'Jobs stay in the queue and the printer shows no error.',
  ),
  template(
    'incident',
    'technical',
    ['email'],
    'Outlook keeps asking for my password',
    'Since this morning Outlook asks for the password every few minutes.',
  ),
  template(
    'incident',
    'technical',
    ['vpn'],
    'VPN disconnects at home',
    'The VPN drops every 10 minutes when I work from home.',
  ),
  template(
    'question',
    'general',
    ['export'],
    'How do I export my invoices?',
    'I need all invoices of last year as files for our accountant.',
  ),
  template(
    'service-request',
    'general',
    ['access'],
    'Access for a new colleague',
    'Please give our new colleague access to the shared drive and the CRM.',
  ),
  template(
    'service-request',
    'general',
    ['laptop'],
    'New laptop for the sales team',
    'We need two laptops for new starters next month.',
  ),
  template(
    'question',
    'billing',
    ['invoice'],
    'Question about the last invoice',
    'The invoice lists 25 licences, we only use 20.',
  ),
  template(
    'incident',
    'billing',
    ['payment'],
    'Card payment declined',
    'Our card payment for the renewal was declined twice.',
  ),
  template(
    'alerting',
    'technical',
    ['monitoring'],
    'Disk space alert on the file server',
    'The monitoring mails say the file server disk is 95 % full.',
  ),
  template(
    'emergency',
    'technical',
    ['outage'],
    'Shop is down',
    'Our web shop answers with error 500 for every customer.',
  ),
  template(
    'incident',
    'technical',
    ['wifi'],
    'WLAN im Besprechungsraum fällt aus',
    'Im großen Besprechungsraum bricht das WLAN ständig ab.',
  ),
  template(
    'question',
    'billing',
    ['rechnung'],
    'Frage zur Rechnung Oktober',
    'Auf der Rechnung steht ein Posten, den wir nicht zuordnen können.',
  ),
  template(
    'service-request',
    'general',
    ['zugang'],
    'Neuer Zugang für Buchhaltung',
    'Bitte richten Sie einen Zugang für unsere neue Buchhalterin ein.',
  ),
  template(
    'incident',
    'technical',
    ['drucker'],
    'Drucker druckt nur leere Seiten',
    'Der Drucker im Empfang gibt nur leere Seiten aus.',
  ),
  template(
    'incident',
    'technical',
    ['poczta'],
    'Poczta nie wysyła załączników',
    'Wiadomości z załącznikami utykają w skrzynce nadawczej.',
  ),
  template(
    'question',
    'billing',
    ['faktura'],
    'Pytanie o fakturę za wrzesień',
    'Na fakturze jest pozycja, której nie rozumiemy.',
  ),
  template(
    'service-request',
    'general',
    ['dostęp'],
    'Dostęp do systemu dla nowego pracownika',
    'Prosimy o założenie konta dla nowej osoby w dziale sprzedaży.',
  ),
  template(
    'incident',
    'technical',
    ['printer'],
    'Printer ei prindi',
    'Kolmanda korruse printer ei prindi ühtegi dokumenti.',
  ),
  template('question', 'billing', ['arve'], 'Küsimus arve kohta', 'Arvel on rida, mida me ei oska seostada.'),
  template(
    'service-request',
    'general',
    ['ligipääs'],
    'Uue töötaja ligipääs',
    'Palun looge uuele kolleegile ligipääs jagatud kettale.',
  ),
];

/** The topic that emerges in the last week, barely present before it. */
const emerging: Template[] = [
  template(
    'incident',
    'technical',
    ['sso'],
    'SSO login loops back to the sign-in page',
    'Signing in with SSO sends me back to the sign-in page again and again.',
  ),
  template(
    'incident',
    'technical',
    ['sso'],
    'Cannot sign in with SSO after the update',
    'Since the update yesterday SSO sign-in fails with an error.',
  ),
  template(
    'incident',
    'technical',
    ['sso'],
    'SSO-Anmeldung schlägt fehl',
    'Die SSO-Anmeldung bricht mit einer Fehlermeldung ab.',
  ),
];

const replies = [
  'Thanks for reporting this, we are looking into it now.',
  'Could you send us a screenshot of the error? Then we can narrow it down.',
  'Danke, wir prüfen das und melden uns in Kürze.',
  'Dziękujemy, sprawdzamy to i wrócimy z odpowiedzią.',
  'Aitäh, uurime asja ja anname peagi teada.',
];
const solutions = [
  'Fixed: the settings were reset after the last update; they are back as before.',
  'Done, the access is set up. Please sign out and in again.',
  'Erledigt: die Einstellungen sind korrigiert.',
  'Gotowe: ustawienia zostały poprawione.',
  'Tehtud: seaded on parandatud.',
];
const clientFollowUps = [
  'It happens again, please have another look.',
  'Leider tritt der Fehler wieder auf.',
];
const comments: Record<number, string[]> = {
  5: [
    'Quick and friendly, thank you!',
    'Super schnell, danke!',
    'Świetna obsługa, dziękuję.',
    'Väga kiire, aitäh!',
  ],
  4: ['Good, though it took a while.', 'Gut gelöst.', 'Dobrze, dziękuję.'],
  3: ['Solved, but I had to ask twice.', 'Okay, aber langsam.'],
  2: ['Took far too long.', 'Zu langsam, wir haben zwei Tage gewartet.'],
  1: ['Nobody answered for days.', 'Problem nie został naprawiony.'],
};

const staff: (Author & { email: string })[] = [
  { id: 'user-agent', name: 'Agnes Agent', role: 'agent', email: 'agent@helpdesk.example' },
  { id: 'user-agent2', name: 'Piotr Agent', role: 'agent', email: 'agent2@helpdesk.example' },
  { id: 'user-lead', name: 'Liis Lead', role: 'lead', email: 'lead@helpdesk.example' },
];
/** How fast each works (a factor on every duration): the reports rank them apart. */
const pace: Record<string, number> = { 'user-agent': 0.6, 'user-agent2': 1.5, 'user-lead': 1 };
const clients = {
  acme: { id: 'user-client-acme', name: 'Alice Acme', email: 'client@acme.example', role: 'client' as const },
  globex: {
    id: 'user-client-globex',
    name: 'Gustav Globex',
    email: 'client@globex.example',
    role: 'client' as const,
  },
};

/** The SLA targets of the default policies (shared/sla/policy.ts), as wall time for the history. */
const targets: Record<Priority, { open: number; resolve: number; total: number }> = {
  urgent: { open: 15 * MINUTE, resolve: 4 * HOUR, total: 8 * HOUR },
  high: { open: HOUR, resolve: 8 * HOUR, total: 24 * HOUR },
  normal: { open: 4 * HOUR, resolve: 24 * HOUR, total: 72 * HOUR },
  low: { open: 8 * HOUR, resolve: 72 * HOUR, total: 168 * HOUR },
};

export interface HistoryTicket {
  /** Each write of the ticket item, as the stream delivers it. */
  writes: { before: Ticket | null; after: Ticket }[];
  messages: Message[];
  feedback: Feedback | null;
}

const iso = (ms: number) => new Date(ms).toISOString();

/** The generated history, oldest ticket first; pure (the seed and `now` decide everything). */
export const generateHistory = (options: DemoHistoryOptions, firstSequence: number): HistoryTicket[] => {
  const random = mulberry32(options.seed);
  const now = (options.now ?? new Date()).getTime();
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const weighted = <T>(choices: readonly [T, number][]): T => {
    let roll = random() * choices.reduce((sum, [, weight]) => sum + weight, 0);
    for (const [choice, weight] of choices) {
      roll -= weight;
      if (roll < 0) return choice;
    }
    return (choices[choices.length - 1] as [T, number])[0];
  };
  /** A log-normal duration around `median` (σ = 1: a few take several times as long). */
  const around = (median: number) => {
    const normal = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
    return Math.max(MINUTE, Math.round(median * Math.exp(normal)));
  };
  const start = now - options.days * DAY;
  const createdTimes = Array.from({ length: options.tickets }, () => {
    // Working hours and weekdays are busier.
    for (;;) {
      const at = start + random() * (now - start - 10 * MINUTE);
      const date = new Date(at);
      const weekday = date.getUTCDay() !== 0 && date.getUTCDay() !== 6;
      const hour = date.getUTCHours();
      const busy = (weekday ? 1 : 0.25) * (hour >= 7 && hour < 17 ? 1 : 0.2);
      if (random() < busy) return Math.floor(at);
    }
  }).sort((a, b) => a - b);
  const recentFrom = now - 7 * DAY;

  return createdTimes.map((createdAt, index) => {
    const inRecentWeek = createdAt >= recentFrom;
    const topic = (inRecentWeek ? random() < 0.25 : random() < 0.004) ? pick(emerging) : pick(everyday);
    const orgId = random() < 0.6 ? 'acme' : 'globex';
    const requester = clients[orgId];
    const priority = weighted<Priority>([
      ['urgent', 5],
      ['high', 20],
      ['normal', 55],
      ['low', 20],
    ]);
    const target = targets[priority];
    const sequence = firstSequence + index;
    const year = new Date(createdAt).getUTCFullYear();
    const created: Ticket = {
      id: ulid(createdAt, random),
      reference: formatReference(year, sequence),
      subject: topic.subject,
      description: topic.description,
      status: 'new',
      priority,
      category: topic.category,
      tags: topic.tags,
      queue: topic.queue,
      orgId,
      requester: { id: requester.id, email: requester.email, name: requester.name },
      assignee: null,
      channel: weighted([
        ['web', 70],
        ['email', 25],
        ['phone', 5],
      ] as const),
      version: 1,
      createdAt: iso(createdAt),
      updatedAt: iso(createdAt),
      sla: {
        ...emptySla(),
        policyId: priority,
        firstResponseDueAt: iso(createdAt + target.open),
        resolutionDueAt: iso(createdAt + target.resolve),
        totalDueAt: iso(createdAt + target.total),
      },
    };
    const agent = weighted(staff.map((member) => [member, member.id === 'user-lead' ? 15 : 42.5] as const));
    const speed = pace[agent.id] ?? 1;
    const messages: Message[] = [];
    const message = (by: Author, body: string, at: number): Message => ({
      id: ulid(at, random),
      ticketId: created.id,
      author: { id: by.id, name: by.name, role: by.role },
      body,
      internal: false,
      channel: by.role === 'client' ? created.channel : 'web',
      createdAt: iso(at),
    });

    // The changes to come, in time order; each one a write of the ticket.
    const steps: { at: number; apply: (ticket: Ticket) => Ticket }[] = [];
    const breach = (clock: SlaBreach['clock'], at: number) =>
      steps.push({
        at,
        apply: (ticket) => ({
          ...ticket,
          sla: { ...ticket.sla, breaches: [...ticket.sla.breaches, { clock, at: iso(at) }] },
        }),
      });
    const respondedAt = createdAt + around(target.open * 0.45 * speed);
    let settledAt: number | null = null;
    let closedAt: number | null = null;
    let rating: number | null = null;
    if (respondedAt < now) {
      steps.push({
        at: respondedAt,
        apply: (ticket) => ({
          ...ticket,
          status: 'open',
          assignee: { id: agent.id, email: agent.email, name: agent.name },
          sla: {
            ...ticket.sla,
            firstRespondedAt: iso(respondedAt),
            openedAt: iso(respondedAt),
            assignedAt: iso(respondedAt),
          },
        }),
      });
      messages.push(message(agent, pick(replies), respondedAt));
      let resolvedAt = respondedAt + around(target.resolve * 0.35 * speed);
      if (resolvedAt < now) {
        const resolved = resolvedAt;
        steps.push({ at: resolved, apply: (ticket) => ({ ...ticket, status: 'resolved' }) });
        messages.push(message(agent, pick(solutions), resolved));
        if (random() < 0.08 * speed) {
          const reopenedAt = resolved + around(12 * HOUR);
          if (reopenedAt < now) {
            steps.push({ at: reopenedAt, apply: (ticket) => ({ ...ticket, status: 'open' }) });
            messages.push(message(requester, pick(clientFollowUps), reopenedAt));
            resolvedAt = reopenedAt + around(4 * HOUR * speed);
            if (resolvedAt < now) {
              const again = resolvedAt;
              steps.push({ at: again, apply: (ticket) => ({ ...ticket, status: 'resolved' }) });
              messages.push(message(agent, pick(solutions), again));
            } else resolvedAt = Number.POSITIVE_INFINITY;
          } else resolvedAt = resolved;
        }
        const accepted = random() < 0.55;
        const closeAt = resolvedAt + (accepted ? around(5 * HOUR) : 3 * DAY);
        if (closeAt < now) {
          closedAt = closeAt;
          steps.push({ at: closeAt, apply: (ticket) => ({ ...ticket, status: 'closed' }) });
          if (accepted && random() < 0.6) rating = 0;
        }
        settledAt = resolvedAt;
      }
    }
    // The SLA engine records a breach when a clock runs past its due time.
    if (respondedAt > createdAt + target.open && createdAt + target.open < now)
      breach('timeToOpen', createdAt + target.open);
    const resolutionEnd = settledAt ?? now;
    if (resolutionEnd > createdAt + target.resolve && createdAt + target.resolve < now)
      breach('timeToResolve', createdAt + target.resolve);
    if ((closedAt ?? now) > createdAt + target.total && createdAt + target.total < now)
      breach('totalServiceTime', createdAt + target.total);

    const writes: HistoryTicket['writes'] = [{ before: null, after: created }];
    let previous = created;
    for (const step of steps.sort((a, b) => a.at - b.at)) {
      const next = { ...step.apply(previous), version: previous.version + 1, updatedAt: iso(step.at) };
      writes.push({ before: previous, after: next });
      previous = next;
    }
    let feedback: Feedback | null = null;
    if (rating !== null && closedAt !== null) {
      const breached = previous.sla.breaches.length > 0;
      const value = weighted<number>(
        breached
          ? [
              [5, 15],
              [4, 25],
              [3, 25],
              [2, 20],
              [1, 15],
            ]
          : [
              [5, 55],
              [4, 28],
              [3, 10],
              [2, 4],
              [1, 3],
            ],
      );
      const at = Math.min(now - MINUTE, closedAt + around(30 * MINUTE));
      feedback = {
        ticketId: created.id,
        rating: value,
        comment: random() < 0.6 ? pick(comments[value] ?? ['']) : null,
        createdAt: iso(at),
        author: { id: requester.id, name: requester.name, role: 'client' },
      };
    }
    return { writes, messages, feedback };
  });
};

/**
 * Generates the history and writes it (see above): how many tickets. Reserves its reference
 * numbers from the year's counter, so tickets opened later never collide with them.
 */
export const writeDemoHistory = async (
  db: DynamoDBDocumentClient,
  tableName: string,
  deps: Pick<RecordDeps, 'businessTimeOf'>,
  options: DemoHistoryOptions,
): Promise<{ tickets: number; items: number; countedMs: number; writtenMs: number }> => {
  const now = options.now ?? new Date();
  // References of one counter: the history's year (a history across a new year keeps the old year's counter).
  const year = new Date(now.getTime() - options.days * DAY).getUTCFullYear();
  const reserved = await db.send(
    new UpdateCommand({
      TableName: tableName,
      Key: counterEntity.key(referenceCounter(year)),
      UpdateExpression: 'ADD #value :count',
      ExpressionAttributeNames: { '#value': 'value' },
      ExpressionAttributeValues: { ':count': options.tickets },
      ReturnValues: 'UPDATED_NEW',
    }),
  );
  const last = Number(reserved.Attributes?.value ?? options.tickets);
  const history = generateHistory({ ...options, now }, last - options.tickets + 1);

  const started = Date.now();
  const store = new DynamoBulkReportStore(db, tableName, options.signal);
  const record: RecordDeps = { store, businessTimeOf: deps.businessTimeOf };
  const items: Record<string, unknown>[] = [];
  const queueCounts = new Map<string, number>();
  const openAssigned = new Map<string, number>();
  for (const ticket of history) {
    for (const { before, after } of ticket.writes) await recordTicketChange(record, before, after);
    if (ticket.feedback) await recordFeedback(record, ticket.feedback);
    const final = ticket.writes[ticket.writes.length - 1]?.after;
    if (!final) continue;
    items.push(
      ticketItem(final),
      { ...ticketReferenceEntity.item(final.reference), ticketId: final.id },
      { ...messageEntity.header.item(final.id), orgId: final.orgId, internal: false },
      { ...eventEntity.header.item(final.id), orgId: final.orgId, internal: false },
      ...ticket.messages.map((message) => messageItem(final.id, message)),
      ...(ticket.feedback ? [feedbackItem(final.id, ticket.feedback)] : []),
    );
    const shard = `${final.queue}|${queueCountShardEntity.shardOf(final.id)}|${final.status}`;
    queueCounts.set(shard, (queueCounts.get(shard) ?? 0) + 1);
    const loaded = loadsAssignee(final);
    if (loaded) openAssigned.set(loaded, (openAssigned.get(loaded) ?? 0) + 1);
  }
  const counted = Date.now();
  // The report aggregates first: a ticket the consumer then reads is already counted.
  let written = await store.flush(now);
  written += await store.putItems(items);
  if (options.signal?.aborted)
    return { tickets: 0, items: written, countedMs: counted - started, writtenMs: Date.now() - counted };
  // The queues' status counts and the agents' open load, as the ticket writes keep them.
  for (const [shard, count] of queueCounts) {
    const [queue = '', number = '0', status = ''] = shard.split('|');
    await db.send(
      new UpdateCommand({
        TableName: tableName,
        Key: queueCountShardEntity.key(queue, Number(number)),
        UpdateExpression: 'ADD #counts.#status :count',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeNames: { '#counts': 'counts', '#status': status },
        ExpressionAttributeValues: { ':count': count },
      }),
    );
  }
  for (const [agentId, count] of openAssigned) {
    await db.send(
      new UpdateCommand({
        TableName: tableName,
        Key: agentStateEntity.key(agentId),
        UpdateExpression: 'ADD #open :count',
        ExpressionAttributeNames: { '#open': 'openAssigned' },
        ExpressionAttributeValues: { ':count': count },
      }),
    );
  }
  return {
    tickets: history.length,
    items: written,
    countedMs: counted - started,
    writtenMs: Date.now() - counted,
  };
};
