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
 * axe finds no serious issue; an agent sees its own figures only.
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
