import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { AxeBuilder } from '@axe-core/playwright';
import nodemailer, { type Transporter } from 'nodemailer';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensurePortalBuilt } from '../../scripts/portal-build.js';
import { browserSuiteRuns, launchChromium, signInAs } from '../support/chromium.js';
import { call, type DemoLogin, startTestRuntime, type TestRuntime } from '../support/runtime.js';

/**
 * The e-mail channel in a real browser (docs/inbound-mail.md): mail sent through the local SMTP
 * server becomes a ticket staff see with its channel icon; a reply's quoted history is behind
 * "Show original"; an agent logs a phone call with the channel selector; an admin retries kept
 * mail on the Inbound mail page and sets what happens to unknown senders; an agent moves a
 * triage ticket to its organisation; axe finds no serious issue on the new page or the ticket page.
 */
const browserRuns = browserSuiteRuns('INBOUND MAIL');

describe.skipIf(!browserRuns)('the e-mail channel in Chromium', { timeout: 180_000 }, () => {
  let runtime: TestRuntime;
  let browser: Browser;
  let transport: Transporter;
  const contexts: BrowserContext[] = [];
  const tag = randomBytes(3).toString('hex');

  const accessibilityProblems = async (page: Page) => {
    const results = await new AxeBuilder({ page }).analyze();
    return results.violations
      .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
      .map(
        (violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
      );
  };

  const signIn = (email: DemoLogin) =>
    signInAs(browser, contexts, runtime.baseUrl, email, {
      locale: 'en-US',
      timezoneId: 'Europe/Berlin',
      viewport: { width: 1280, height: 900 },
    });

  const mailIn = async (mail: { from: string; subject: string; text: string }) => {
    await transport.sendMail({ to: 'support@helpdesk.example', ...mail });
    await runtime.mailHandled();
  };

  /** The staff view of the ticket whose subject has `word` (the list, without the search index). */
  const ticketAbout = async (word: string) => {
    const agent = await runtime.token('agent@helpdesk.example');
    const list = await call(`${runtime.api}/tickets?limit=100`, { token: agent });
    const found = (list.body.items as { id: string; reference: string; subject: string }[]).find((ticket) =>
      ticket.subject.includes(word),
    );
    if (!found) throw new Error(`No ticket about ${word}`);
    return found;
  };

  beforeAll(async () => {
    mkdirSync(tmpdir(), { recursive: true });
    await ensurePortalBuilt();
    runtime = await startTestRuntime({ stream: false });
    transport = nodemailer.createTransport({
      host: runtime.smtp.host,
      port: runtime.smtp.port,
      secure: false,
      ignoreTLS: true,
    });
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => {});
    await browser?.close();
    transport?.close();
    await runtime?.stop();
  });

  it('staff see a mail ticket with its channel icon, open the original of a reply, and log a phone call', async () => {
    const subject = `Scanner ${tag} stopped`;
    await mailIn({ from: 'Clara Client <client@acme.example>', subject, text: 'It shows error E42.' });
    const ticket = await ticketAbout(`Scanner ${tag}`);
    await mailIn({
      from: 'client@acme.example',
      subject: `Re: [${ticket.reference}] ${subject}`,
      text: `Restarting did not help.\n\nOn Mon, 1 Dec 2026 at 09:00, Help desk wrote:\n> We are looking into scanner ${tag}.\n> Please restart it.`,
    });

    const page = await signIn('agent@helpdesk.example');
    await page.goto(`${runtime.baseUrl}/queue`);
    const row = page.getByRole('row').filter({ hasText: subject });
    await row.getByRole('img', { name: 'Channel: Email' }).waitFor();

    await row.getByRole('link', { name: subject }).click();
    const conversation = page.getByRole('region', { name: 'Conversation' });
    const reply = conversation.getByRole('listitem').filter({ hasText: 'Restarting did not help.' });
    await reply.getByRole('img', { name: 'Channel: Email' }).waitFor();
    // Only the new text is the message; the quoted history is behind "Show original".
    const quoted = reply.getByText('Please restart it.', { exact: false });
    await expect(quoted.isVisible()).resolves.toBe(false);
    await reply.getByText('Show original').focus();
    await page.keyboard.press('Enter');
    await quoted.waitFor({ state: 'visible' });
    expect(await accessibilityProblems(page)).toEqual([]);

    // The agent logs a phone call: the channel selector, then the message shows a phone icon.
    await page.getByLabel('Channel', { exact: true }).selectOption('phone');
    await page.getByLabel('Reply', { exact: true }).fill(`Called Clara about scanner ${tag}: cable swapped.`);
    await page.getByRole('button', { name: 'Send reply' }).click();
    const phoneCall = conversation.getByRole('listitem').filter({ hasText: 'cable swapped' });
    await phoneCall.getByRole('img', { name: 'Channel: Phone' }).waitFor();

    // A client sees neither the original nor channel icons.
    const client = await signIn('client@acme.example');
    await client.goto(`${runtime.baseUrl}/tickets/${ticket.id}`);
    await client.getByText('Restarting did not help.').waitFor();
    expect(await client.getByText('Show original').count()).toBe(0);
    expect(await client.getByRole('img', { name: /^Channel:/ }).count()).toBe(0);
  });

  it('an agent moves a triage ticket from an unknown sender to its organisation', async () => {
    await mailIn({ from: `someone@stranger-${tag}.example`, subject: `Toner ${tag}`, text: 'Which toner?' });
    const ticket = await ticketAbout(`Toner ${tag}`);
    // More organisations than the picker reads at once (50): the last by id is on the next page.
    const admin = await runtime.token('admin@helpdesk.example');
    for (let batch = 0; batch < 5; batch += 1) {
      await Promise.all(
        Array.from({ length: 10 }, async (_, n) => {
          const number = String(batch * 10 + n).padStart(2, '0');
          const created = await call(`${runtime.api}/organisations`, {
            method: 'POST',
            token: admin,
            body: {
              id: `zz-${tag}-${number}`,
              name: number === '49' ? 'Omega Freight' : `Zulu Trading ${number}`,
            },
          });
          expect(created.status).toBe(201);
        }),
      );
    }
    const page = await signIn('agent@helpdesk.example');
    await page.goto(`${runtime.baseUrl}/tickets/${ticket.id}`);
    const form = page.getByRole('form', { name: 'Assign an organisation' });
    const search = form.getByRole('searchbox', { name: 'Find an organisation' });
    await search.fill('Omega Freight');
    await form.getByText('No organisation matches what you typed.').waitFor();
    await form.getByRole('button', { name: 'More organisations' }).click();
    await form.getByText('Organisations shown: 1').waitFor();
    // Every organisation is read now: the button is gone.
    await form.getByRole('button', { name: 'More organisations' }).waitFor({ state: 'detached' });
    await search.fill('');
    // The organisations come from GET /organisations, in a labelled list (triage itself not offered).
    const list = form.getByRole('listbox', { name: 'Organisation' });
    await list.getByRole('option', { name: 'Globex Inc. (globex)' }).waitFor();
    await expect(list.getByRole('option', { name: 'Acme Corporation (acme)' }).count()).resolves.toBe(1);
    await expect(list.getByRole('option', { name: /\(triage\)/ }).count()).resolves.toBe(0);
    expect(await accessibilityProblems(page)).toEqual([]);

    // By keyboard: type part of a name (or id, or mail domain) to narrow the list…
    await form.getByRole('searchbox', { name: 'Find an organisation' }).focus();
    await page.keyboard.type('ACME');
    await form.getByText('Organisations shown: 1').waitFor();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('nothing-like-it');
    await form.getByText('No organisation matches what you typed.').waitFor();
    await expect(form.getByRole('button', { name: 'Move to organisation' }).isDisabled()).resolves.toBe(true);
    // …one match left is the choice: Enter moves the ticket.
    await page.keyboard.press('Control+A');
    await page.keyboard.type('globex.exa');
    await expect(list.inputValue()).resolves.toBe('globex');
    expect(await accessibilityProblems(page)).toEqual([]);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await expect(
      form
        .getByRole('button', { name: 'Move to organisation' })
        .evaluate((button) => button === document.activeElement),
    ).resolves.toBe(true);
    await page.keyboard.press('Enter');
    await page.getByRole('status').getByText('The ticket now belongs to Globex Inc.').waitFor();
    await form.waitFor({ state: 'detached' });
    const agent = await runtime.token('agent@helpdesk.example');
    const moved = await call(`${runtime.api}/tickets/${ticket.id}`, { token: agent });
    expect(moved.body).toMatchObject({ orgId: 'globex' });
  });

  it('an admin retries kept mail on the Inbound mail page and chooses what happens to unknown senders', async () => {
    // Staff mail that answers no ticket cannot be processed: it is kept with its reason.
    await mailIn({ from: 'agent@helpdesk.example', subject: `Lost ${tag}`, text: 'Which ticket?' });
    // The 31st mail of a sender within an hour is held; a retry processes it (an admin decided).
    const sender = `flood.${tag}@globex.example`;
    for (let n = 1; n <= 31; n++) {
      await transport.sendMail({
        from: sender,
        to: 'support@helpdesk.example',
        subject: `Flood ${tag} ${n}`,
        text: `Mail ${n}`,
      });
    }
    await runtime.mailHandled();

    const page = await signIn('admin@helpdesk.example');
    // The page is one of the admin console's (portal/src/features/admin/pages.ts).
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Administration' })
      .click();
    await page
      .getByRole('navigation', { name: 'Administration pages' })
      .getByRole('link', { name: 'Inbound mail' })
      .click();
    await page.getByRole('heading', { name: 'Inbound mail', level: 1 }).waitFor();
    const table = page.getByRole('table', { name: 'Mail that could not be processed' });
    const lost = table.getByRole('row').filter({ hasText: `Lost ${tag}` });
    await lost.waitFor();
    await expect(lost.getByRole('cell').nth(3).textContent()).resolves.toContain('answers no ticket');
    expect(await accessibilityProblems(page)).toEqual([]);

    // Retry by keyboard: still failing, it stays with two attempts and the reason is told.
    await lost.getByRole('button', { name: /^Retry the mail from agent@helpdesk\.example/ }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('status').getByText('The mail still cannot be processed').waitFor();
    // The row follows the answer a moment after the status line (a loaded machine shows the gap).
    await expect.poll(() => lost.getByRole('cell').nth(4).textContent(), { timeout: 10_000 }).toBe('2');

    const held = table.getByRole('row').filter({ hasText: `Flood ${tag} 31` });
    await held.getByRole('button', { name: /^Retry/ }).click();
    await page.getByRole('status').getByText('The mail was processed').waitFor();
    await held.waitFor({ state: 'detached' });
    await ticketAbout(`Flood ${tag} 31`);

    // Unknown senders: reject instead of triage, saved through the API.
    await page.getByLabel('Do not open a ticket; answer with a polite rejection').check();
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('status').getByText('The inbound mail settings were saved.').waitFor();
    const admin = await runtime.token('admin@helpdesk.example');
    const settings = await call(`${runtime.api}/inbound-mail/settings`, { token: admin });
    expect(settings.body).toEqual({ unknownSenders: 'reject' });
  });
});
