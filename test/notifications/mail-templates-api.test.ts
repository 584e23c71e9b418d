import { randomBytes } from 'node:crypto';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { settingsDocumentChangeEntity } from '#platform/table/settings-document.js';
import { call, startTestRuntime, type TestRuntime } from '../support/runtime.js';

/**
 * Mail templates over HTTP on the local runtime (docs/mail-templates.md): the list, a save with
 * If-Match and its audit, validation that writes nothing, the preview, and a customised
 * acknowledgement arriving in the SES emulator.
 */
interface CapturedMail {
  destination: { to: string[] };
  subject: string;
  body: { text?: string; html?: string };
}

let rt: TestRuntime;
let admin: string;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const mailsAbout = async (token: string): Promise<CapturedMail[]> => {
  const store = (await (await fetch(`${rt.sesUrl}/store`)).json()) as { emails: CapturedMail[] };
  return store.emails.filter((mail) => mail.subject.includes(token));
};

const waitForMail = async (token: string): Promise<CapturedMail> => {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const [mail] = await mailsAbout(token);
    if (mail) return mail;
    if (Date.now() > deadline) throw new Error(`No mail about ${token} within 10 s`);
    await sleep(100);
  }
};

const templateOf = async (kind: string, language: string) => {
  const listed = await call(`${rt.api}/mail-templates`, { token: admin });
  return listed.body.templates.find(
    (t: { kind: string; language: string }) => t.kind === kind && t.language === language,
  );
};

beforeAll(async () => {
  rt = await startTestRuntime();
  admin = await rt.token('admin@helpdesk.example');
});

afterAll(async () => {
  await rt?.stop();
});

describe('mail templates', () => {
  it('mails the requester the customised acknowledgement, values filled and escaped', async () => {
    const saved = await call(`${rt.api}/mail-templates/acknowledgement/en`, {
      method: 'PUT',
      token: admin,
      headers: { 'if-match': '"0"' },
      body: {
        subject: 'Thanks, {{recipientName}}: {{ticketSubject}}',
        body: 'We logged {{reference}} with priority {{priority}}.\n\nTrack it: {{ticketUrl}}',
      },
    });
    expect(saved.status).toBe(200);
    expect(saved.headers.get('etag')).toBe('"1"');

    const token = randomBytes(5).toString('hex');
    const created = await call(`${rt.api}/tickets`, {
      method: 'POST',
      token: await rt.token('client@acme.example'),
      body: { subject: `Printer <b>jam</b> ${token}`, description: 'Paper everywhere' },
    });
    expect(created.status).toBe(201);

    const mail = await waitForMail(token);
    expect(mail.subject).toBe(`[${created.body.reference}] Thanks, Alice Acme: Printer <b>jam</b> ${token}`);
    expect(mail.body.text).toContain(`We logged ${created.body.reference} with priority Normal.`);
    expect(mail.body.text).toContain(`/tickets/${created.body.id}`);
    expect(mail.body.html).toContain(`Printer &lt;b&gt;jam&lt;/b&gt; ${token}`);
    expect(mail.body.html).toMatch(new RegExp(`<a href="[^"]+/tickets/${created.body.id}">`));
  });

  it('lists every kind in four languages with its placeholders, customised or not', async () => {
    const listed = await call(`${rt.api}/mail-templates`, { token: await rt.token('lead@helpdesk.example') });
    expect(listed.status).toBe(200);
    const acknowledgements = listed.body.templates.filter(
      (t: { kind: string }) => t.kind === 'acknowledgement',
    );
    expect(acknowledgements.map((t: { language: string }) => t.language)).toEqual(['en', 'de', 'pl', 'et']);
    expect(acknowledgements[0]).toMatchObject({ customised: true, version: 1, updatedBy: { role: 'admin' } });
    expect(acknowledgements[1]).toMatchObject({ customised: false, subject: null, version: 0 });
    expect(acknowledgements[1].placeholders).toEqual(
      expect.arrayContaining(['reference', 'ticketSubject', 'firstResponseDue', 'summary']),
    );
    expect(listed.body.templates.length).toBeGreaterThanOrEqual(13 * 4);
  });

  it('refuses an unknown placeholder with a 400 naming it, and saves nothing', async () => {
    const refused = await call(`${rt.api}/mail-templates/agentReply/de`, {
      method: 'PUT',
      token: admin,
      body: { subject: 'Antwort', body: 'Hallo {{recipientName}}, {{solution}}' },
    });
    expect(refused.status).toBe(400);
    expect(refused.headers.get('content-type')).toBe('application/problem+json');
    expect(refused.body.errors[0].path).toBe('body');
    expect(refused.body.detail).toContain('{{solution}}');
    expect(await templateOf('agentReply', 'de')).toMatchObject({ customised: false, version: 0 });

    const missing = await call(`${rt.api}/mail-templates/agentReply/de`, {
      method: 'PUT',
      token: admin,
      body: { body: 'Hallo' },
    });
    expect(missing.status).toBe(400);
    expect(missing.body.errors.map((e: { path: string }) => e.path)).toEqual(['subject']);

    const unknownKind = await call(`${rt.api}/mail-templates/invoice/de`, {
      method: 'PUT',
      token: admin,
      body: { subject: 'x', body: 'y' },
    });
    expect(unknownKind.status).toBe(404);
    expect(unknownKind.headers.get('content-type')).toBe('application/problem+json');
  });

  it('refuses a stale If-Match and audits who changed what', async () => {
    const first = { subject: 'Zgłoszenie {{reference}}', body: 'Dzień dobry {{recipientName}}' };
    const saved = await call(`${rt.api}/mail-templates/autoClosed/pl`, {
      method: 'PUT',
      token: admin,
      body: first,
    });
    expect(saved.status).toBe(200);
    const stale = await call(`${rt.api}/mail-templates/autoClosed/pl`, {
      method: 'PUT',
      token: admin,
      headers: { 'if-match': '"0"' },
      body: { subject: 'Inny', body: 'Inny' },
    });
    expect(stale.status).toBe(412);
    expect(await templateOf('autoClosed', 'pl')).toMatchObject({ ...first, version: 1 });

    const documentVersion = 2; // the acknowledgement's save was the first
    const { Item } = await rt.db.send(
      new GetCommand({
        TableName: rt.tableName,
        Key: settingsDocumentChangeEntity.key('mail-templates', documentVersion),
        ConsistentRead: true,
      }),
    );
    expect(Item).toMatchObject({ actor: { role: 'admin' }, version: documentVersion });
    expect(Item?.before.templates['autoClosed/pl']).toBeUndefined();
    expect(Item?.after.templates['autoClosed/pl']).toMatchObject(first);
  });

  it('previews a template with sample data in each language, and the built-in text without one', async () => {
    const tried = await call(`${rt.api}/mail-templates/resolutionProposed/de/preview`, {
      method: 'POST',
      token: admin,
      body: { subject: 'Lösung für {{ticketSubject}}', body: '{{solution}}\n\nAnnehmen: {{acceptUrl}}' },
    });
    expect(tried.status).toBe(200);
    expect(tried.body.subject).toBe('[HD-2026-000042] Lösung für The printer on floor 2 does not print');
    expect(tried.body.text).toContain('We replaced the toner cartridge.\n\nAnnehmen: https://');
    expect(tried.body.html).toContain('<html lang="de">');
    expect(await templateOf('resolutionProposed', 'de')).toMatchObject({ customised: false });

    const builtIn = await call(`${rt.api}/mail-templates/resolutionProposed/et/preview`, {
      method: 'POST',
      token: admin,
    });
    expect(builtIn.status).toBe(200);
    expect(builtIn.body.language).toBe('et');
    expect(builtIn.body.subject).toMatch(/^\[HD-2026-000042\] /);

    const broken = await call(`${rt.api}/mail-templates/resolutionProposed/de/preview`, {
      method: 'POST',
      token: admin,
      body: { subject: '{{ticketSubject', body: 'x' },
    });
    expect(broken.status).toBe(400);
    expect(broken.body.errors[0].path).toBe('subject');
  });
  it('resets a template to the built-in text at the version read, audited; a stale reset or save is refused', async () => {
    const preview = async () =>
      (await call(`${rt.api}/mail-templates/agentReply/et/preview`, { method: 'POST', token: admin })).body;
    const builtIn = await preview();
    const custom = { subject: 'Vastus: {{ticketSubject}}', body: '{{agentName}} kirjutas:\n\n{{body}}' };
    const saved = await call(`${rt.api}/mail-templates/agentReply/et`, {
      method: 'PUT',
      token: admin,
      headers: { 'if-match': '"0"' },
      body: custom,
    });
    expect(saved.status).toBe(200);
    expect((await preview()).subject).toContain('Vastus: ');

    const stale = await call(`${rt.api}/mail-templates/agentReply/et`, {
      method: 'DELETE',
      token: admin,
      headers: { 'if-match': '"0"' },
    });
    expect(stale.status).toBe(412);
    expect(stale.headers.get('content-type')).toBe('application/problem+json');
    expect(await templateOf('agentReply', 'et')).toMatchObject({ ...custom, customised: true, version: 1 });

    const reset = await call(`${rt.api}/mail-templates/agentReply/et`, {
      method: 'DELETE',
      token: admin,
      headers: { 'if-match': '"1"' },
    });
    expect(reset.status).toBe(200);
    expect(reset.headers.get('etag')).toBe('"2"');
    expect(reset.body).toMatchObject({ customised: false, subject: null, body: null, version: 2 });
    expect(await templateOf('agentReply', 'et')).toMatchObject({
      customised: false,
      subject: null,
      version: 2,
    });
    expect(await preview()).toEqual(builtIn);

    // A save prepared on the customised text (version 1) is stale after the reset.
    const late = await call(`${rt.api}/mail-templates/agentReply/et`, {
      method: 'PUT',
      token: admin,
      headers: { 'if-match': '"1"' },
      body: custom,
    });
    expect(late.status).toBe(412);

    // Audited like a save: acknowledgement, autoClosed and this save were versions 1–3 of the document.
    const changeOf = async (documentVersion: number) =>
      (
        await rt.db.send(
          new GetCommand({
            TableName: rt.tableName,
            Key: settingsDocumentChangeEntity.key('mail-templates', documentVersion),
            ConsistentRead: true,
          }),
        )
      ).Item;
    const audit = await changeOf(4);
    expect(audit).toMatchObject({ actor: { role: 'admin' }, version: 4 });
    expect(audit?.before.templates['agentReply/et']).toMatchObject(custom);
    expect(audit?.after.templates['agentReply/et']).toBeUndefined();

    // A retried reset finds the built-in text and writes nothing.
    const again = await call(`${rt.api}/mail-templates/agentReply/et`, {
      method: 'DELETE',
      token: admin,
      headers: { 'if-match': '"2"' },
    });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ customised: false, version: 2 });
    expect(await changeOf(5)).toBeUndefined();
  });
});
