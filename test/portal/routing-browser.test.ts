import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensurePortalBuilt } from '../../scripts/portal-build.js';
import { browserSuiteRuns, launchChromium, signInAs } from '../support/chromium.js';
import { call, type DemoLogin, startTestRuntime, type TestRuntime } from '../support/runtime.js';

/**
 * Routing in a real browser (docs/routing.md): an admin sets up a queue with two members and
 * round-robin in the admin console, using the keyboard; a client's new ticket lands assigned;
 * an agent switches availability in the header; axe finds no serious accessibility issue.
 */
const browserRuns = browserSuiteRuns('ROUTING');

describe.skipIf(!browserRuns)('routing in Chromium', { timeout: 120_000 }, () => {
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
      timezoneId: 'Europe/Berlin',
      viewport: { width: 1200, height: 900 },
    });

  beforeAll(async () => {
    mkdirSync(tmpdir(), { recursive: true });
    await ensurePortalBuilt();
    runtime = await startTestRuntime({ stream: false });
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => {});
    await browser?.close();
    await runtime?.stop();
  });

  it("an admin creates a queue with two members and auto-assignment; a client's new ticket lands assigned", async () => {
    const page = await signIn('admin@helpdesk.example');
    await page.goto(`${runtime.baseUrl}/admin/queues`);
    const form = page.getByRole('form', { name: 'New queue' });
    await form.waitFor();
    await form.getByLabel('Id').fill('front-desk');
    await form.getByLabel('Queue').fill('Front desk');
    // Keyboard only: Space ticks a member, the mode is chosen from its select.
    const members = form.getByRole('group', { name: 'Members' });
    await members.getByLabel('Agnes Agent').focus();
    await page.keyboard.press('Space');
    await members.getByLabel('Piotr Agent').focus();
    await page.keyboard.press('Space');
    await form.getByRole('group', { name: 'Escalate to' }).getByLabel('Liis Lead').check();
    await form.getByLabel('Auto-assignment').selectOption('round-robin');
    expect(await accessibilityProblems(page)).toEqual([]);
    await form.getByRole('button', { name: 'Create queue' }).press('Enter');
    await page.getByRole('form', { name: 'Edit queue Front desk' }).waitFor();

    const admin = await runtime.token('admin@helpdesk.example');
    const queue = await call(`${runtime.api}/queues/front-desk`, { token: admin });
    expect(queue.body).toMatchObject({
      members: ['user-agent', 'user-agent2'],
      escalationTo: ['user-lead'],
      autoAssign: 'round-robin',
    });
    // Acme's tickets land in the new queue.
    const routed = await call(`${runtime.api}/organisations/acme`, {
      method: 'PATCH',
      token: admin,
      body: { defaultQueue: 'front-desk' },
    });
    expect(routed.status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 10_500)); // the ticket path's organisation cache

    const client = await signIn('client@acme.example');
    await client.goto(`${runtime.baseUrl}/tickets/new`);
    await client.getByLabel('Subject').fill('Printer jammed');
    await client.getByLabel('Description').fill('Paper stuck in tray 2.');
    await client
      .getByRole('button', { name: /submit|create|send/i })
      .first()
      .click();
    await client.waitForURL(/\/tickets\/[0-9A-Z]{26}$/);
    const id = client.url().split('/').pop() ?? '';
    const ticket = await call(`${runtime.api}/tickets/${id}`, { token: admin });
    expect(ticket.body.queue).toBe('front-desk');
    expect(['user-agent', 'user-agent2']).toContain(ticket.body.assignee?.id);
  });

  it('an agent switches availability in the header; the lead sees capacity used per agent', async () => {
    const page = await signIn('agent@helpdesk.example');
    const toggle = page.getByRole('button', { name: 'Taking tickets' });
    await expect.poll(() => toggle.getAttribute('aria-pressed')).toBe('true');
    await toggle.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => toggle.getAttribute('aria-pressed')).toBe('false');
    const agent = await runtime.token('agent@helpdesk.example');
    const listed = await call(`${runtime.api}/users?role=agent`, { token: agent });
    expect(listed.body.items.find((u: { id: string }) => u.id === 'user-agent').available).toBe(false);

    const lead = await signIn('lead@helpdesk.example');
    await lead.goto(`${runtime.baseUrl}/lead`);
    // Liis reads Estonian (her account's language).
    await lead.getByRole('columnheader', { name: 'Kasutatud mahutavus' }).waitFor();
    // Agnes: her open tickets against her capacity (10 by default).
    const agnes = lead.getByRole('row', { name: /Agnes Agent/ });
    await expect.poll(async () => (await agnes.innerText()).includes('/ 10')).toBe(true);
    expect(await accessibilityProblems(lead)).toEqual([]);
  });
});
