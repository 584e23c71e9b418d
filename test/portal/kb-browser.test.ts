import { randomInt } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ulid } from 'ulid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ticketItem } from '#tickets/adapters/ticket-items.js';
import type { Ticket } from '#tickets/schemas.js';
import { emptySla } from '#tickets/sla-state.js';
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

const DAY_MS = 86_400_000;
const twoYearsAgo = () => new Date(Date.now() - 730 * DAY_MS);

/** The days a ticket search covers (docs/search.md "Bounded search"), counted in UTC. */
interface Days {
  from: Date;
  to: Date;
}
/** By default: from the first day of the month eleven months back to today. */
const defaultWindow = (): Days => {
  const now = new Date();
  return { from: new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 11, 1)), to: now };
};
/** "Search older tickets": the 24 months before, ending the day before `newer` starts. */
const windowBefore = (newer: Days): Days => {
  const to = new Date(newer.from.getTime() - DAY_MS);
  return { from: new Date(Date.UTC(to.getUTCFullYear(), to.getUTCMonth() - 23, 1)), to };
};
const day = (at: Date) => at.toISOString().slice(0, 10);
const britishDays = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeZone: 'UTC' });
/**
 * The notice under a search, e.g. "Searched tickets created 1 Jan – 3 Dec 2026." (a year the two
 * days share is said once); the spaces around the dash differ between ICU versions.
 */
const searchedText = (days: Days) => {
  const range = britishDays.formatRange(days.from, days.to).replace(/\s+/g, ' ');
  const pattern = range.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s*');
  return new RegExp(`^Searched tickets created ${pattern}\\.`);
};

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

  /**
   * A ticket created at `createdAt`, written as the table keeps it (its creation reaches the
   * search index through the change stream, filed under its month), as the demo history does.
   */
  const writeTicketCreated = async (createdAt: Date, subject: string, orgId: string, description = '') => {
    const at = createdAt.toISOString();
    const ticket: Ticket = {
      id: ulid(createdAt.getTime()),
      reference: `HD-${at.slice(0, 4)}-${String(randomInt(900_000, 1_000_000))}`,
      subject,
      description: description || `${subject}.`,
      status: 'closed',
      priority: 'normal',
      category: null,
      tags: [],
      queue: 'general',
      orgId,
      requester: { id: 'user-client-acme', email: 'client@acme.example', name: 'Client' },
      assignee: null,
      channel: 'web',
      version: 1,
      createdAt: at,
      updatedAt: at,
      sla: emptySla(),
    };
    await runtime.db.send(new PutCommand({ TableName: runtime.tableName, Item: ticketItem(ticket) }));
    await runtime.drained();
    return ticket;
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

  it('takes an agent from a reference in the header search to the ticket, and from a word to a ticket of two years ago', async () => {
    const client = await runtime.token('client@acme.example');
    const ticket = await call(`${runtime.api}/tickets`, {
      method: 'POST',
      token: client,
      body: { subject: 'Monitor flickers', description: 'Since Monday.' },
    });
    await runtime.drained();
    const page = await signInAs(browser, contexts, runtime.baseUrl, 'agent@helpdesk.example', {
      locale: 'en-GB',
      viewport: { width: 1200, height: 900 },
    });
    await page.getByRole('searchbox', { name: 'Search tickets' }).fill(ticket.body.reference);
    await page.getByRole('searchbox', { name: 'Search tickets' }).press('Enter');
    await page.waitForURL(`${runtime.baseUrl}/tickets/${ticket.body.id}`);
    // A word of a ticket created two years ago: the default window (the last 12 months) misses it,
    // says which days it searched, and "Search older tickets" reaches back to it.
    const old = await writeTicketCreated(twoYearsAgo(), 'Fax machine smells of ozone', 'acme');
    await page.getByRole('searchbox', { name: 'Search tickets' }).fill('ozone');
    await page.getByRole('searchbox', { name: 'Search tickets' }).press('Enter');
    await page.getByText('No ticket matches.').waitFor();
    await page.getByText(searchedText(defaultWindow())).waitFor();
    expect(await accessibilityProblems(page)).toEqual([]);
    const older = page.getByRole('link', { name: 'Search older tickets' });
    await older.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('link', { name: old.reference }).waitFor();
    await page.getByText(searchedText(windowBefore(defaultWindow()))).waitFor();
    const address = new URL(page.url());
    expect(address.pathname).toBe('/search');
    expect(Object.fromEntries(address.searchParams)).toEqual({
      q: 'ozone',
      createdFrom: day(windowBefore(defaultWindow()).from),
      createdTo: day(windowBefore(defaultWindow()).to),
    });
    // The window is in the address: a reload shows the same search, Back the newer window.
    await page.reload();
    await page.getByRole('link', { name: old.reference }).waitFor();
    await page.goBack();
    await page.getByText(searchedText(defaultWindow())).waitFor();
    await page.getByText('No ticket matches.').waitFor();
    // The queue's search says the same under its list and goes back the same way.
    await page.goto(`${runtime.baseUrl}/queue?q=ozone&status=any`);
    await page.getByText(searchedText(defaultWindow())).waitFor();
    expect(await page.getByRole('link', { name: old.reference }).count()).toBe(0);
    await page.getByRole('link', { name: 'Search older tickets' }).click();
    await page.getByRole('link', { name: old.reference }).waitFor();
    await page.getByText(searchedText(windowBefore(defaultWindow()))).waitFor();
  });

  it('lets a client search their organisation’s tickets, older ones too', async () => {
    const old = await writeTicketCreated(twoYearsAgo(), 'Scanner jams', 'acme', 'The paper tray squeaks.');
    const client = await runtime.token('client@acme.example');
    const recent = await call(`${runtime.api}/tickets`, {
      method: 'POST',
      token: client,
      body: { subject: 'Scanner jams again', description: 'The paper tray squeaks louder.' },
    });
    expect(recent.status).toBe(201);
    await runtime.drained();
    const page = await signInAs(browser, contexts, runtime.baseUrl, 'client@acme.example', {
      locale: 'en-GB',
      viewport: { width: 1200, height: 900 },
    });
    await page.getByRole('searchbox', { name: 'Search tickets' }).fill('squeaks');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.getByRole('link', { name: recent.body.reference }).waitFor();
    await page.getByText(searchedText(defaultWindow())).waitFor();
    expect(await page.getByRole('link', { name: old.reference }).count()).toBe(0);
    expect(new URL(page.url()).searchParams.get('q')).toBe('squeaks');
    expect(await accessibilityProblems(page)).toEqual([]);
    await page.getByRole('link', { name: 'Search older tickets' }).click();
    await page.getByRole('link', { name: old.reference }).waitFor();
    await page.getByText(searchedText(windowBefore(defaultWindow()))).waitFor();
    expect(await page.getByRole('link', { name: recent.body.reference }).count()).toBe(0);
    // Its reference finds it at any age: the notice names its year, and offers nothing older.
    await page.getByRole('searchbox', { name: 'Search tickets' }).fill(old.reference);
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.getByRole('link', { name: old.reference }).waitFor();
    const year = Number(old.reference.split('-')[1]);
    await page
      .getByText(searchedText({ from: new Date(Date.UTC(year, 0, 1)), to: new Date(Date.UTC(year, 11, 31)) }))
      .waitFor();
    expect(await page.getByRole('link', { name: 'Search older tickets' }).count()).toBe(0);
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
