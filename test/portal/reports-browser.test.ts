import { mkdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { AxeBuilder } from '@axe-core/playwright';
import { parse } from 'csv-parse/sync';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDemoHistory } from '#local/prepare.js';
import { ensurePortalBuilt } from '../../scripts/portal-build.js';
import { browserSuiteRuns, launchChromium, signInAs } from '../support/chromium.js';
import { call, type DemoLogin, startTestRuntime, type TestRuntime } from '../support/runtime.js';

/**
 * Reports in a real browser (docs/reports.md, "Portal"): a lead opens Reports from the
 * navigation over a small demo history; the charts draw, each chart's table lists the same
 * figures as the API, a CSV button downloads the export, the keyboard reaches the table view,
 * axe finds no serious issue; the deflections tile shows its trend; the range and filters live
 * in the address (reload, a shared link, back and forward); an agent sees its own figures only.
 */
const browserRuns = browserSuiteRuns('REPORTS');
const TICKETS = 60;
/** The page loads its chunk and four reports on a busy machine. */
const WAIT = { timeout: 30_000 };

describe.skipIf(!browserRuns)('reports in Chromium', { timeout: 120_000 }, () => {
  let runtime: TestRuntime;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

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
      timezoneId: 'UTC',
      viewport: { width: 1280, height: 1000 },
      acceptDownloads: true,
    });

  const openReports = async (email: DemoLogin) => {
    const page = await signIn(email);
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    // Liis Lead's account speaks Estonian: the test reads the English texts.
    await page.locator('#language').selectOption('en');
    await page.locator('html[lang="en"]').waitFor({ state: 'attached' });
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Reports' }).click();
    await page
      .getByRole('heading', { level: 1, name: 'Reports' })
      .waitFor()
      .catch(async (error: Error) => {
        throw new Error(
          `${error.message}\npage errors: ${errors.join('; ')}\n${(await page.locator('main').innerText()).slice(0, 500)}`,
        );
      });
    return page;
  };

  beforeAll(async () => {
    mkdirSync(tmpdir(), { recursive: true });
    await ensurePortalBuilt();
    runtime = await startTestRuntime({ stream: false });
    expect(await openDemoHistory(runtime.db, runtime.tableName, { tickets: TICKETS, days: 28 })).toBe(
      TICKETS,
    );
    browser = await launchChromium();
  }, 240_000);

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => {});
    await browser?.close();
    await runtime?.stop();
  });

  it('a lead sees charts whose tables list the figures, downloads a CSV, and axe finds no serious issue', async () => {
    const page = await openReports('lead@helpdesk.example');
    const charts = page.locator('figure.report-chart');
    await expect
      .poll(async () => page.locator('figure.report-chart canvas').count(), WAIT)
      .toBeGreaterThanOrEqual(5);
    expect(await charts.count()).toBe(5);

    // The same range through the API: the volume chart's table lists its created figures per day.
    const from = await page.getByLabel('From', { exact: true }).inputValue();
    const to = await page.getByLabel('To', { exact: true }).inputValue();
    const lead = await runtime.token('lead@helpdesk.example');
    const api = await call(`${runtime.api}/reports/overview?from=${from}&to=${to}`, { token: lead });
    expect(api.status).toBe(200);
    const volume = page.getByRole('table', { name: 'Tickets created and resolved' });
    const rows = await volume.locator('tbody tr').all();
    expect(rows.length).toBe(api.body.series.length);
    const created = await Promise.all(
      rows.map(async (row) => Number(await row.locator('td').first().innerText())),
    );
    expect(created).toEqual(api.body.series.map((point: { created: number }) => point.created));
    expect(created.reduce((sum, value) => sum + value, 0)).toBeGreaterThan(0);
    await expect
      .poll(() => page.locator('.kpi').first().innerText(), WAIT)
      .toContain(String(api.body.totals.created));

    // Keyboard: the table view replaces the canvas.
    const csatChart = charts.filter({ hasText: 'Satisfaction ratings' });
    await csatChart.getByRole('button', { name: 'Show as table' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(async () => csatChart.locator('canvas').count(), WAIT).toBe(0);
    await expect.poll(async () => csatChart.getByRole('table').isVisible(), WAIT).toBe(true);

    await page.getByRole('heading', { name: 'Rising topics' }).waitFor();
    await page.getByRole('table', { name: 'Agents' }).waitFor({ state: 'attached' });

    // The agents table: the API's rows with best and weakest flagged, sorted by a header's button.
    const agents = (await call(`${runtime.api}/reports/agents?from=${from}&to=${to}`, { token: lead })).body
      .items as { agent: { name: string }; flag: string | null }[];
    const agentsTable = page.getByRole('table', { name: 'Agents' });
    await expect.poll(() => agentsTable.locator('tbody tr').count(), WAIT).toBe(agents.length);
    for (const [flag, badge] of [
      ['best', 'Best'],
      ['weakest', 'Weakest'],
    ] as const) {
      const names = agents.filter((row) => row.flag === flag).map((row) => `${row.agent.name} ${badge}`);
      expect(names).toHaveLength(1);
      expect(await agentsTable.locator(`tbody tr.agent-${flag} th`).allInnerTexts()).toEqual(names);
    }
    const resolvedColumn = async () =>
      (await agentsTable.locator('tbody tr td:nth-of-type(2)').allInnerTexts()).map((text) =>
        Number(text.replace(/\D/g, '')),
      );
    const sortByResolved = agentsTable.getByRole('button', { name: 'Sort by Resolved', exact: true });
    await sortByResolved.click();
    await expect
      .poll(async () => (await agentsTable.locator('th[aria-sort]').textContent()) ?? '', WAIT)
      .toContain('Resolved');
    expect(await agentsTable.locator('th[aria-sort]').getAttribute('aria-sort')).toBe('descending');
    const descending = await resolvedColumn();
    expect(descending).toEqual([...descending].sort((a, b) => b - a));
    await sortByResolved.press('Enter');
    await expect
      .poll(() => agentsTable.locator('th[aria-sort]').getAttribute('aria-sort'), WAIT)
      .toBe('ascending');
    expect(await resolvedColumn()).toEqual([...descending].sort((a, b) => a - b));

    // Satisfaction comments: the API's ratings, newest first, with reference, rating and comment, a
    // page of 10 at a time ("Load more").
    const csatPage = async (cursor = '') => {
      const answer = await call(
        `${runtime.api}/reports/csat?from=${from}&to=${to}&limit=10${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
        { token: lead },
      );
      return answer.body as {
        items: { reference: string; rating: number; comment: string | null }[];
        nextCursor: string | null;
      };
    };
    const firstPage = await csatPage();
    expect(firstPage.items.length).toBeGreaterThan(0);
    const comments = page.getByRole('region', { name: 'Satisfaction comments' }).locator('li');
    await expect.poll(() => comments.count(), WAIT).toBe(firstPage.items.length);
    const shows = async (
      i: number,
      rating: { reference: string; rating: number; comment: string | null },
    ) => {
      const text = await comments.nth(i).innerText();
      expect(text).toContain(rating.reference);
      expect(text).toContain(`${rating.rating} of 5`);
      expect(text).toContain(rating.comment ?? 'No comment');
    };
    for (const [i, rating] of firstPage.items.slice(0, 3).entries()) await shows(i, rating);
    if (firstPage.nextCursor) {
      const secondPage = await csatPage(firstPage.nextCursor);
      await page
        .getByRole('region', { name: 'Satisfaction comments' })
        .getByRole('button', { name: 'Load more' })
        .click();
      await expect.poll(() => comments.count(), WAIT).toBe(firstPage.items.length + secondPage.items.length);
      const [next] = secondPage.items;
      if (next) await shows(firstPage.items.length, next);
    }

    // Rising topics: the API's topics in order, each with its example references linked.
    const trends = (await call(`${runtime.api}/reports/trends?to=${to}`, { token: lead })).body.items as {
      topic: string;
      examples: string[];
    }[];
    const topics = page.getByRole('region', { name: 'Rising topics' }).locator('tbody tr');
    await expect.poll(() => topics.count(), WAIT).toBe(trends.length);
    for (const [i, trend] of trends.entries()) {
      expect(await topics.nth(i).locator('th').innerText()).toBe(trend.topic);
      expect(await topics.nth(i).locator('a.example').allInnerTexts()).toEqual(trend.examples);
    }
    console.log(
      `reports browser: ${agents.length} agents, ${firstPage.items.length} ratings on the first page (more: ${Boolean(firstPage.nextCursor)}), ${trends.length} topics`,
    );
    expect(await accessibilityProblems(page)).toEqual([]);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Tickets (CSV)' }).click(),
    ]);
    const path = await download.path();
    const text = readFileSync(path, 'utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const records: Record<string, string>[] = parse(text.slice(1), { columns: true });
    expect(records.length).toBe(api.body.totals.created);
    expect(records[0]).toHaveProperty('reference');
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
  });

  it('shows the deflections with their trend, and keeps the range and filters in the address', async () => {
    // Two clients' readers left a suggested article without opening a ticket today.
    const client = await runtime.token('client@acme.example');
    for (const sessionKey of ['reports-browser-deflection-1', 'reports-browser-deflection-2']) {
      const counted = await call(`${runtime.api}/kb/deflections`, {
        method: 'POST',
        token: client,
        body: { articleId: '01HZZZZZZZZZZZZZZZZZZZZZZZ', sessionKey },
      });
      expect(counted.status, JSON.stringify(counted.body)).toBe(200);
    }
    const page = await openReports('lead@helpdesk.example');
    const from = await page.getByLabel('From', { exact: true }).inputValue();
    const to = await page.getByLabel('To', { exact: true }).inputValue();
    const lead = await runtime.token('lead@helpdesk.example');
    const overview = async (query: string) => {
      const answer = await call(`${runtime.api}/reports/overview?${query}`, { token: lead });
      expect(answer.status).toBe(200);
      return answer.body;
    };
    const now = await overview(`from=${from}&to=${to}`);
    expect(now.totals.deflections).toBeGreaterThanOrEqual(2);
    // The 30 days before the page's first range (30 days up to today).
    const day = 86_400_000;
    const beforeTo = new Date(Date.parse(from) - day).toISOString().slice(0, 10);
    const beforeFrom = new Date(Date.parse(from) - 30 * day).toISOString().slice(0, 10);
    const before = await overview(`from=${beforeFrom}&to=${beforeTo}`);
    const tile = page.locator('.kpi').filter({ hasText: 'Answered by an article' });
    const change = Math.abs(now.totals.deflections - before.totals.deflections);
    await expect
      .poll(() => tile.locator('.kpi-value').innerText(), WAIT)
      .toBe(String(now.totals.deflections));
    await expect
      .poll(() => tile.locator('.kpi-detail').innerText(), WAIT)
      .toContain(`${change} more than the 30 days before (${before.totals.deflections})`);

    // Applied filters go into the address: a reload or the link shows the same report.
    const earlier = new Date(Date.parse(from) - 10 * day).toISOString().slice(0, 10);
    await page.getByLabel('From', { exact: true }).fill(earlier);
    await page.getByLabel('Priority', { exact: true }).selectOption('high');
    await page.getByRole('button', { name: 'Show', exact: true }).click();
    await page.waitForURL(/priority=high/);
    const address = new URL(page.url());
    expect(Object.fromEntries(address.searchParams)).toEqual({ from: earlier, to, priority: 'high' });
    const filtered = await overview(`from=${earlier}&to=${to}&priority=high`);
    const created = page.locator('.kpi').first().locator('.kpi-value');
    await expect.poll(() => created.innerText(), WAIT).toBe(String(filtered.totals.created));

    const shared = await page.context().newPage();
    await shared.goto(address.href);
    await shared.getByRole('heading', { level: 1, name: 'Reports' }).waitFor();
    expect(await shared.getByLabel('Priority', { exact: true }).inputValue()).toBe('high');
    expect(await shared.getByLabel('From', { exact: true }).inputValue()).toBe(earlier);
    await expect
      .poll(() => shared.locator('.kpi').first().locator('.kpi-value').innerText(), WAIT)
      .toBe(String(filtered.totals.created));
    await shared.close();

    // Back: the first report again (no filter in the address); forward: the filtered one.
    await page.goBack();
    await expect.poll(() => new URL(page.url()).search, WAIT).toBe('');
    await expect.poll(() => page.getByLabel('Priority', { exact: true }).inputValue(), WAIT).toBe('');
    expect(await page.getByLabel('From', { exact: true }).inputValue()).toBe(from);
    await expect.poll(() => created.innerText(), WAIT).toBe(String(now.totals.created));
    await page.goForward();
    await expect.poll(() => page.getByLabel('Priority', { exact: true }).inputValue(), WAIT).toBe('high');
    await expect.poll(() => created.innerText(), WAIT).toBe(String(filtered.totals.created));
    expect(await accessibilityProblems(page)).toEqual([]);
  });

  it('an agent sees its own figures, without the agents table', async () => {
    const page = await openReports('agent@helpdesk.example');
    await page.getByText('Your own figures').waitFor();
    await expect
      .poll(async () => page.locator('figure.report-chart canvas').count(), WAIT)
      .toBeGreaterThanOrEqual(5);
    expect(await page.getByRole('heading', { name: 'Agents' }).count()).toBe(0);
    expect(await page.getByLabel('Agent', { exact: true }).count()).toBe(0);
    expect(await accessibilityProblems(page)).toEqual([]);
  });
});
