import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensurePortalBuilt } from '../../scripts/portal-build.js';
import { browserSuiteRuns, launchChromium, signInAs } from '../support/chromium.js';
import { call, startTestRuntime, type TestRuntime } from '../support/runtime.js';

/**
 * Self-service in a real browser (docs/kb.md): the public help centre without signing in, the
 * articles suggested while a client types a new ticket's subject (and the deflection when the
 * client leaves after reading one), the staff header search and the client's ticket search with
 * the months they searched; axe finds no serious issue.
 */
const browserRuns = browserSuiteRuns('KB');

describe.skipIf(!browserRuns)('self-service in Chromium', { timeout: 120_000 }, () => {
  let runtime: TestRuntime;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  let articleId = '';

  const accessibilityProblems = async (page: Page) => {
    const results = await new AxeBuilder({ page }).analyze();
    return results.violations
      .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
      .map(
        (violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
      );
  };

  beforeAll(async () => {
    mkdirSync(tmpdir(), { recursive: true });
    await ensurePortalBuilt();
    runtime = await startTestRuntime();
    const lead = await runtime.token('lead@helpdesk.example');
    const created = await call(`${runtime.api}/kb/articles`, {
      method: 'POST',
      token: lead,
      body: {
        title: 'Reset your VPN password',
        body: 'Open **vpn.example** and choose *Forgot password*. [More](https://vpn.example/help)',
        language: 'en',
        category: 'Accounts',
        status: 'published',
      },
    });
    expect(created.status).toBe(201);
    articleId = created.body.id;
    await runtime.drained();
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => {});
    await browser?.close();
    await runtime?.stop();
  });

  it('serves the help centre without signing in: search, categories, the article', async () => {
    const context = await browser.newContext({ locale: 'en-US' });
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(`${runtime.baseUrl}/help`);
    await page.getByRole('heading', { level: 1, name: 'Help centre' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Accounts' }).waitFor();
    expect(await accessibilityProblems(page)).toEqual([]);
    await page.getByRole('searchbox', { name: 'Search the help centre' }).fill('vpn passwort');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByRole('heading', { name: '1 articles found' }).waitFor();
    await page.getByRole('link', { name: 'Reset your VPN password' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Reset your VPN password' }).waitFor();
    expect(await page.locator('.kb-article a').getAttribute('rel')).toBe('noopener noreferrer');
    expect(await accessibilityProblems(page)).toEqual([]);
  });

  it('suggests an article while a client types a subject, and counts a deflection when the client leaves', async () => {
    const page = await signInAs(browser, contexts, runtime.baseUrl, 'client@acme.example', {
      locale: 'en-US',
      viewport: { width: 1200, height: 900 },
    });
    await page.goto(`${runtime.baseUrl}/tickets/new`);
    await page.getByLabel('Subject').pressSequentially('VPN password expired', { delay: 20 });
    await page.getByRole('heading', { name: 'These articles may answer your question' }).waitFor();
    const suggestions = page.locator('.kb-suggestions a');
    expect(await suggestions.count()).toBeLessThanOrEqual(3);
    expect(await suggestions.first().textContent()).toBe('Reset your VPN password');
    expect(await accessibilityProblems(page)).toEqual([]);
    await suggestions.first().click();
    await page.getByRole('heading', { level: 1, name: 'Reset your VPN password' }).waitFor();
    await page.getByRole('link', { name: 'My tickets' }).click();
    await page.waitForURL(`${runtime.baseUrl}/`);
    expect(await page.evaluate(() => localStorage.getItem('helpdesk.kb.deflections'))).toBe('1');
    expect(articleId).not.toBe('');
  });

  it('takes an agent from a reference typed in the header search straight to the ticket', async () => {
    const client = await runtime.token('client@acme.example');
    const ticket = await call(`${runtime.api}/tickets`, {
      method: 'POST',
      token: client,
      body: { subject: 'Monitor flickers', description: 'Since Monday.' },
    });
    await runtime.drained();
    const page = await signInAs(browser, contexts, runtime.baseUrl, 'agent@helpdesk.example', {
      locale: 'en-US',
      viewport: { width: 1200, height: 900 },
    });
    await page.getByRole('searchbox', { name: 'Search tickets' }).fill(ticket.body.reference);
    await page.getByRole('searchbox', { name: 'Search tickets' }).press('Enter');
    await page.waitForURL(`${runtime.baseUrl}/tickets/${ticket.body.id}`);
    await page.getByRole('searchbox', { name: 'Search tickets' }).fill('flickers');
    await page.getByRole('searchbox', { name: 'Search tickets' }).press('Enter');
    await page.getByRole('link', { name: ticket.body.reference }).waitFor();
    // The list says which months it searched (the default 12) and offers the older ones.
    const month = new Intl.DateTimeFormat('en-US', { month: 'short', year: 'numeric', timeZone: 'UTC' });
    const now = new Date();
    const monthsBack = (months: number) =>
      month.format(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - months, 1)));
    await page.getByText(`Searched tickets created from ${monthsBack(11)} to ${monthsBack(0)}.`).waitFor();
    expect(await accessibilityProblems(page)).toEqual([]);
    await page.getByRole('link', { name: 'Search older tickets' }).click();
    await page.getByText(`Searched tickets created from ${monthsBack(23)} to ${monthsBack(0)}.`).waitFor();
    const widened = new URL(page.url());
    expect(widened.pathname).toBe('/search');
    expect(widened.searchParams.get('q')).toBe('flickers');
    expect(widened.searchParams.get('createdFrom')).toBe(
      new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 23, 1)).toISOString().slice(0, 10),
    );
    await page.getByRole('link', { name: ticket.body.reference }).waitFor();
    // Reloaded, the address keeps the widened window.
    await page.reload();
    await page.getByText(`Searched tickets created from ${monthsBack(23)} to ${monthsBack(0)}.`).waitFor();
    // Past the 24-month limit, the next older window is the 24 months before it: nothing there.
    await page.getByRole('link', { name: 'Search older tickets' }).click();
    await page.getByText(`Searched tickets created from ${monthsBack(47)} to ${monthsBack(24)}.`).waitFor();
    await page.getByText('No ticket matches.').waitFor();
    // The queue's search says the same under its list.
    await page.goto(`${runtime.baseUrl}/queue?q=flickers&status=any`);
    await page.getByRole('link', { name: ticket.body.reference }).waitFor();
    await page.getByText(`Searched tickets created from ${monthsBack(11)} to ${monthsBack(0)}.`).waitFor();
  });

  it('lets a client search their organisation’s tickets and see which months were searched', async () => {
    const client = await runtime.token('client@acme.example');
    const ticket = await call(`${runtime.api}/tickets`, {
      method: 'POST',
      token: client,
      body: { subject: 'Scanner jams', description: 'The paper tray squeaks.' },
    });
    expect(ticket.status).toBe(201);
    await runtime.drained();
    const page = await signInAs(browser, contexts, runtime.baseUrl, 'client@acme.example', {
      locale: 'en-US',
      viewport: { width: 1200, height: 900 },
    });
    await page.getByRole('searchbox', { name: 'Search tickets' }).fill('squeaks');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.getByRole('link', { name: ticket.body.reference }).waitFor();
    await page.getByText(/Searched tickets created from [A-Za-z]+ \d{4} to [A-Za-z]+ \d{4}\./).waitFor();
    expect(new URL(page.url()).searchParams.get('q')).toBe('squeaks');
    expect(await accessibilityProblems(page)).toEqual([]);
    await page.getByRole('link', { name: 'Search older tickets' }).click();
    await page.waitForURL(/createdFrom=/);
    await page.getByRole('link', { name: ticket.body.reference }).waitFor();
  });

  it('serves the help centre in the reader’s language: German articles and search for a German browser', async () => {
    const lead = await runtime.token('lead@helpdesk.example');
    const german = await call(`${runtime.api}/kb/articles`, {
      method: 'POST',
      token: lead,
      body: {
        title: 'Drucker einrichten',
        body: 'Öffnen Sie die **Druckereinstellungen**.',
        language: 'de',
        category: 'Geräte',
        status: 'published',
      },
    });
    expect(german.status).toBe(201);
    await runtime.drained();
    const context = await browser.newContext({ locale: 'de-DE' });
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(`${runtime.baseUrl}/help`);
    await page.getByRole('heading', { level: 1, name: 'Hilfe-Center' }).waitFor();
    await page.getByRole('link', { name: 'Drucker einrichten' }).waitFor();
    // The English article is not among the German reader's articles.
    expect(await page.getByRole('link', { name: 'Reset your VPN password' }).count()).toBe(0);
    await page.getByRole('searchbox', { name: 'Im Hilfe-Center suchen' }).fill('drucker');
    await page.getByRole('button', { name: 'Suchen' }).click();
    await page.getByRole('heading', { name: '1 Artikel gefunden' }).waitFor();
    expect(await accessibilityProblems(page)).toEqual([]);
  });
});
