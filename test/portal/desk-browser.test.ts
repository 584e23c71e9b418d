import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensurePortalBuilt } from '../../scripts/portal-build.js';
import { browserSuiteRuns, launchChromium, signInAs } from '../support/chromium.js';
import { call, type DemoLogin, startTestRuntime, type TestRuntime } from '../support/runtime.js';

/**
 * The agent's desk in a real browser (Debian's Chromium through playwright-core), as in
 * test/e2e/portal.test.ts: an agent inserts a canned response and sends it, two agents on one
 * ticket see each other, a reply written meanwhile is shown before sending, a ticket is merged
 * from its dialog, an admin deletes a ticket from its confirmation dialog, the keyboard shortcuts
 * work; axe finds no serious accessibility issue.
 */
const browserRuns = browserSuiteRuns('DESK');

describe.skipIf(!browserRuns)('the agent’s desk in Chromium', { timeout: 90_000 }, () => {
  let runtime: TestRuntime;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const tokens: Record<string, string> = {};

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
      viewport: { width: 1200, height: 900 },
    });

  const openTicket = async (subject: string) => {
    const created = await call(`${runtime.api}/tickets`, {
      method: 'POST',
      token: tokens.client,
      body: { subject, description: 'The projector in room 4 shows no picture.' },
    });
    expect(created.status).toBe(201);
    return created.body as { id: string; reference: string };
  };

  const visit = async (page: Page, ticket: { id: string; reference: string }) => {
    await page.goto(`${runtime.baseUrl}/tickets/${ticket.id}`);
    await page.getByRole('heading', { level: 1 }).filter({ hasText: ticket.reference }).waitFor();
  };

  beforeAll(async () => {
    mkdirSync(tmpdir(), { recursive: true });
    await ensurePortalBuilt();
    // With the change stream: the merge dialog's word search reads the index its consumer keeps.
    runtime = await startTestRuntime();
    for (const [who, email] of Object.entries({
      client: 'client@acme.example',
      agent: 'agent@helpdesk.example',
      agent2: 'agent2@helpdesk.example',
      lead: 'lead@helpdesk.example',
    } as const))
      tokens[who] = await runtime.token(email);
    const canned = await call(`${runtime.api}/canned-responses`, {
      method: 'POST',
      token: tokens.lead,
      body: {
        title: 'Projector checklist',
        body: 'Hello {{requester.name}}, about {{ticket.reference}}: please check the HDMI cable. {{agent.name}}',
        shared: true,
      },
    });
    expect(canned.status).toBe(201);
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => {});
    await browser?.close();
    await runtime?.stop();
  });

  it('lets an agent insert a canned response, filled for the ticket, and send it', async () => {
    const ticket = await openTicket('Projector shows nothing');
    const page = await signIn('agent@helpdesk.example');
    await visit(page, ticket);

    // `/` in the empty reply box opens the picker; typing filters; Enter inserts the first match.
    await page.getByLabel('Reply', { exact: true }).focus();
    await page.keyboard.press('/');
    const filter = page.getByLabel('Find a canned response');
    await filter.waitFor();
    await filter.fill('projector');
    // The list filters as the agent types: wait for it to settle on the one match.
    await expect.poll(() => page.locator('#canned-options li').count(), { timeout: 5000 }).toBe(1);
    expect(await accessibilityProblems(page)).toEqual([]);
    await filter.press('Enter');
    const expected = `Hello Alice Acme, about ${ticket.reference}: please check the HDMI cable. Agnes Agent`;
    await expect.poll(() => page.getByLabel('Reply', { exact: true }).inputValue()).toBe(expected);
    expect(await page.getByLabel('Find a canned response').count()).toBe(0);

    await page.getByRole('button', { name: 'Send reply' }).click();
    await page
      .locator('.conversation .message-body')
      .filter({ hasText: 'please check the HDMI cable' })
      .waitFor();
    const messages = await call(`${runtime.api}/tickets/${ticket.id}/messages`, { token: tokens.agent });
    expect(messages.body.items.map((m: { body: string }) => m.body)).toContain(expected);
    expect(await accessibilityProblems(page)).toEqual([]);
    // The button opens the same picker.
    await page.getByRole('button', { name: 'Insert a canned response (/)' }).click();
    await page.getByLabel('Find a canned response').waitFor();
  });

  it('shows two agents on one ticket to each other within 5 s, and who is replying', async () => {
    const ticket = await openTicket('Two agents, one ticket');
    const agnes = await signIn('agent@helpdesk.example');
    const piotr = await signIn('agent2@helpdesk.example');
    await visit(agnes, ticket);
    await visit(piotr, ticket);
    const presence = (page: Page) => page.locator('.presence');
    await expect.poll(() => presence(agnes).textContent(), { timeout: 5000 }).toBe('Piotr Agent is viewing');
    // Piotr's account reads Polish: the line is in his language.
    await expect
      .poll(() => presence(piotr).textContent(), { timeout: 5000 })
      .toBe('Agnes Agent przegląda to zgłoszenie');

    await piotr.locator('#reply').fill('Looking into it');
    await expect
      .poll(() => presence(agnes).textContent(), { timeout: 5000 })
      .toBe('Piotr Agent is replying…');
    expect(await accessibilityProblems(agnes)).toEqual([]);
  });

  it('warns before sending when someone else replied since the page was opened', async () => {
    const ticket = await openTicket('Reply collision');
    const page = await signIn('agent@helpdesk.example');
    await visit(page, ticket);
    const meanwhile = await call(`${runtime.api}/tickets/${ticket.id}/messages`, {
      method: 'POST',
      token: tokens.agent2,
      body: { body: 'I already sent the technician.' },
    });
    expect(meanwhile.status).toBe(201);

    await page.getByLabel('Reply', { exact: true }).fill('I will send a technician.');
    await page.getByRole('button', { name: 'Send reply' }).click();
    const warning = page.getByRole('alert').filter({ hasText: 'Someone else replied' });
    await warning.waitFor();
    expect(await warning.textContent()).toContain('I already sent the technician.');
    await page.locator('.conversation').filter({ hasText: 'I already sent the technician.' }).waitFor();
    let sent = await call(`${runtime.api}/tickets/${ticket.id}/messages`, { token: tokens.agent });
    expect(sent.body.items).toHaveLength(1);
    expect(await accessibilityProblems(page)).toEqual([]);

    await page.getByRole('button', { name: 'Send anyway' }).click();
    await page.locator('.conversation').filter({ hasText: 'I will send a technician.' }).waitFor();
    sent = await call(`${runtime.api}/tickets/${ticket.id}/messages`, { token: tokens.agent });
    expect(sent.body.items).toHaveLength(2);
  });

  it('merges a ticket from its dialog, found by the list search', async () => {
    const target = await openTicket('Beamer kaputt zebra');
    const source = await openTicket('Projector again');
    // Word search reads the search index, which the change stream keeps (docs/search.md).
    await runtime.drained();
    const page = await signIn('agent@helpdesk.example');
    await visit(page, source);
    // Deleting is for leads and admins: an agent is not offered it.
    expect(await page.getByRole('button', { name: 'Delete ticket…' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Merge into another ticket…' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Find the ticket to merge into').fill('zebra');
    await dialog.getByRole('button', { name: 'Search' }).click();
    await dialog.getByRole('radio', { name: new RegExp(target.reference) }).waitFor();
    expect(await accessibilityProblems(page)).toEqual([]);
    await dialog.getByRole('button', { name: `Merge into ${target.reference}` }).click();
    await page.getByText(`This ticket was merged into ${target.reference}.`).waitFor();
    const stored = await call(`${runtime.api}/tickets/${source.id}`, { token: tokens.agent });
    expect(stored.body).toMatchObject({ status: 'merged', mergedInto: target.id });
  });

  it('lets an admin delete a ticket from its confirmation dialog by keyboard, and lands on the queue with a notice', async () => {
    const spam = await openTicket('Cheap watches, best prices');
    const page = await signIn('admin@helpdesk.example');
    await visit(page, spam);
    const open = page.getByRole('button', { name: 'Delete ticket…' });
    await open.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: `Delete ${spam.reference}?` });
    await dialog.waitFor();
    await dialog.getByText('erased for good').waitFor();
    expect(await accessibilityProblems(page)).toEqual([]);
    // Escape cancels, and nothing is deleted.
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    expect((await call(`${runtime.api}/tickets/${spam.id}`, { token: tokens.lead })).status).toBe(200);

    await open.focus();
    await page.keyboard.press('Enter');
    await dialog.getByRole('button', { name: `Delete ${spam.reference}` }).focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/queue$/);
    await page.getByText(`${spam.reference} was deleted.`).waitFor();
    expect((await call(`${runtime.api}/tickets/${spam.id}`, { token: tokens.lead })).status).toBe(404);
    expect(await accessibilityProblems(page)).toEqual([]);
  });

  it('moves through the queue with j and k, opens with Enter, and lists the shortcuts on ?', async () => {
    await openTicket('Shortcut one');
    await openTicket('Shortcut two');
    const page = await signIn('agent@helpdesk.example');
    await page.goto(`${runtime.baseUrl}/queue`);
    await page.locator('table.tickets tbody tr').first().waitFor();
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('j');
    await page.keyboard.press('j');
    await page.keyboard.press('k');
    const first = page.locator('table.tickets tbody tr').first();
    expect(await first.getAttribute('class')).toContain('selected');
    const focused = await page.evaluate(() => document.activeElement?.textContent ?? '');
    expect(focused).toBe(await first.locator('a.reference').textContent());
    expect(await page.locator('[aria-live="polite"]').allTextContents()).toEqual(
      expect.arrayContaining([expect.stringContaining(`${focused}: `)]),
    );

    await page.keyboard.press('?');
    await page.getByRole('heading', { name: 'Keyboard shortcuts' }).waitFor();
    expect(await accessibilityProblems(page)).toEqual([]);
    await page.keyboard.press('Escape');

    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1 }).filter({ hasText: focused }).waitFor();
    await page.keyboard.press('r');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('reply');
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('n');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('reply');
    expect(await page.locator('#reply').getAttribute('class')).toContain('note-mode');
    expect(await page.locator('#reply-hint').textContent()).toContain('Internal note');
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('g');
    await page.keyboard.press('q');
    await page.waitForURL(/\/queue$/);
    // `/` on the queue page goes to its search box.
    await page.locator('table.tickets tbody tr').first().waitFor();
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('/');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('filter-q');
  });
});
