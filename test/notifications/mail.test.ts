import { randomBytes, randomInt } from 'node:crypto';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { DynamoUserDirectory } from '#identity/adapters/dynamodb-user-directory.js';
import type { User } from '#identity/user.js';
import { localDynamoClient } from '#local/dynamodb.js';
import { createQueue } from '#local/seed.js';
import { ensureTable } from '#local/table.js';
import { DynamoNotificationLog } from '#notifications/adapters/dynamodb-notification-log.js';
import { createMailNotifier } from '#notifications/adapters/mail-notifier.js';
import { createSesClient } from '#notifications/adapters/ses-client.js';
import { SesMailer } from '#notifications/adapters/ses-mailer.js';
import { directoryAudience } from '#notifications/audience.js';
import { notificationKeys } from '#notifications/notices.js';
import { createNotifier, type Notifier } from '#notifications/notifier.js';
import type { Mailer } from '#notifications/ports.js';
import { createDocumentClient } from '#platform/adapters/dynamodb-client.js';
import { systemClock, ulidGenerator } from '#platform/system.js';
import type { Ticket } from '#tickets/schemas.js';
import { testDynamoEndpoint } from '../support/dynamo-endpoint.js';

interface CapturedMail {
  from: string;
  replyTo: string[];
  destination: { to: string[] };
  subject: string;
  body: { text?: string; html?: string };
}

const tableName = `helpdesk-mail-${randomBytes(4).toString('hex')}`;
const mailConfig = {
  from: 'Help desk <helpdesk@helpdesk.example>',
  configurationSet: 'helpdesk-local',
  replyTo: 'support@helpdesk.example',
};
const portalUrl = 'http://portal.test';

const users: User[] = [
  {
    id: 'mail-client',
    email: 'klient@firma.example',
    name: 'Zofia Wójcik',
    role: 'client',
    orgId: 'acme',
    locale: 'pl-PL',
    timeZone: 'Europe/Warsaw',
  },
  {
    id: 'mail-agent',
    email: 'agent@mail.example',
    name: 'Mart Tamm',
    role: 'agent',
    orgId: null,
    locale: 'et',
    timeZone: 'Europe/Tallinn',
  },
];

let notifier: Notifier;
let log: DynamoNotificationLog;
let directory: DynamoUserDirectory;

const captured = async (reference: string): Promise<CapturedMail[]> => {
  const response = await fetch(`${inject('sesUrl')}/store`);
  const store = (await response.json()) as { emails: CapturedMail[] };
  return store.emails.filter((mail) => mail.subject.startsWith(`[${reference}]`));
};

const aTicket = (overrides: Partial<Ticket> = {}): Ticket => {
  const reference = `HD-2099-${String(randomInt(1_000_000)).padStart(6, '0')}`;
  return {
    id: `01JQ${randomBytes(11).toString('hex').toUpperCase().slice(0, 22)}`,
    reference,
    subject: 'Drukarka nie drukuje <script>alert(1)</script>',
    description: 'Od rana drukarka na 2. piętrze nic nie drukuje.',
    status: 'new',
    priority: 'urgent',
    category: null,
    tags: [],
    queue: 'general',
    orgId: 'acme',
    requester: { id: 'mail-client', email: 'klient@firma.example', name: 'Zofia Wójcik' },
    assignee: null,
    channel: 'web',
    version: 1,
    createdAt: '2026-03-29T08:00:00.000Z',
    updatedAt: '2026-03-29T08:00:00.000Z',
    sla: {
      policyId: 'urgent',
      firstResponseDueAt: '2026-03-29T08:15:00.000Z',
      resolutionDueAt: '2026-03-29T12:00:00.000Z',
      totalDueAt: '2026-03-29T16:00:00.000Z',
      firstRespondedAt: null,
      breaches: [],
      paused: false,
    },
    ...overrides,
  };
};

const notifierWith = (mailer: Mailer) =>
  createNotifier({
    log,
    mailer,
    audience: directoryAudience(directory),
    clock: systemClock,
    ids: ulidGenerator(),
    settings: { portalUrl, threadDomain: 'helpdesk.example' },
  });

beforeAll(async () => {
  const endpoint = testDynamoEndpoint();
  await ensureTable(localDynamoClient(endpoint), tableName);
  const db = createDocumentClient({
    endpoint,
    region: 'eu-central-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  log = new DynamoNotificationLog(db, tableName);
  directory = new DynamoUserDirectory(db, tableName);
  for (const user of users) await directory.put(user);
  await createQueue(db, tableName, { id: 'hardware', name: 'Drukarki i sprzęt' });
  notifier = createMailNotifier({
    db,
    tableName,
    users: directory,
    clock: systemClock,
    ids: ulidGenerator(),
    config: { ...mailConfig, sesEndpoint: inject('sesUrl'), portalUrl, threadDomain: 'helpdesk.example' },
  });
});

describe('mail through the SES emulator and DynamoDB Local', () => {
  it('captures one acknowledgement in Polish however often the notice is delivered', async () => {
    // Prepare
    const ticket = aTicket();
    const request = {
      key: notificationKeys.acknowledgement(ticket.id),
      ticket,
      notice: { kind: 'acknowledgement' } as const,
    };

    // Act
    const outcomes = await Promise.allSettled([notifier.notify(request), notifier.notify(request)]);
    const later = await notifier.notify(request);

    // Assess
    expect(outcomes.filter((o) => o.status === 'fulfilled' && o.value.status === 'sent')).toHaveLength(1);
    expect(later).toEqual({ status: 'already-sent' });
    const mails = await captured(ticket.reference);
    expect(mails).toHaveLength(1);
    const [mail] = mails;
    expect(mail?.subject).toBe(
      `[${ticket.reference}] Otrzymaliśmy Twoje zgłoszenie: Drukarka nie drukuje <script>alert(1)</script>`,
    );
    expect(mail?.destination.to).toEqual(['"Zofia Wójcik" <klient@firma.example>']);
    expect(mail?.from).toBe('"Help desk" <helpdesk@helpdesk.example>');
    expect(mail?.replyTo).toEqual(['support@helpdesk.example']);
    expect(mail?.body.text).toContain('Pierwsza odpowiedź do: niedz., 29 marca 2026 10:15 CEST');
    expect(mail?.body.text).toContain(`${portalUrl}/tickets/${ticket.id}`);
    expect(mail?.body.html).toContain('Drukarka nie drukuje &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(mail?.body.html).not.toContain('<script>');
  });

  it('sends a notice whose first send failed exactly once when the check is retried', async () => {
    // Prepare: the first attempt talks to an SES endpoint that is down.
    const ticket = aTicket();
    const request = {
      key: notificationKeys.reminder(ticket.id, 'timeToOpen', 0.5),
      ticket,
      notice: {
        kind: 'reminder',
        clock: 'timeToOpen',
        fraction: 0.5,
        dueAt: '2026-03-29T08:15:00Z',
      } as const,
    };
    const down = createSesClient({ endpoint: 'http://127.0.0.1:9', config: { maxAttempts: 1 } });

    // Act
    const failed = await notifierWith(new SesMailer(down, mailConfig))
      .notify(request)
      .catch((error: unknown) => error);
    const retried = await notifier.notify(request);
    const again = await notifier.notify(request);

    // Assess
    expect(failed).toBeInstanceOf(Error);
    expect(retried).toEqual({ status: 'sent', recipients: ['agent@mail.example'] });
    expect(again).toEqual({ status: 'already-sent' });
    const mails = await captured(ticket.reference);
    expect(mails).toHaveLength(1);
    expect(mails[0]?.subject).toBe(
      `[${ticket.reference}] Meeldetuletus: 50% ülevõtmise ajast on möödunud – Drukarka nie drukuje <script>alert(1)</script>`,
    );
    expect(await log.find(request.key)).toMatchObject({
      state: 'sent',
      attempts: 2,
      deliveredTo: ['agent@mail.example'],
    });
  });

  it('names the queue by the name it has in the table', async () => {
    // Prepare
    const ticket = aTicket({ queue: 'hardware' });

    // Act
    await notifier.notify({
      key: notificationKeys.reminder(ticket.id, 'timeToOpen', 0.75),
      ticket,
      notice: { kind: 'reminder', clock: 'timeToOpen', fraction: 0.75, dueAt: '2026-03-29T08:15:00Z' },
    });

    // Assess: the agent reads Estonian
    const [mail] = await captured(ticket.reference);
    expect(mail?.body.text).toContain('Järjekord: Drukarki i sprzęt');
    expect(mail?.body.text).toContain('järjekorras Drukarki i sprzęt');
    expect(mail?.body.text).not.toMatch(/\bhardware\b/);
  });
});
