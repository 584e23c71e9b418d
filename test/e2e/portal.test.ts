import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PORTAL_BUDGET_GZIP, portalBundleSize } from '../../bench/portal.js';
import { ensurePortalBuilt, portalDist } from '../../scripts/portal-build.js';
import { browserSuiteRuns, launchChromium, signInAs } from '../support/chromium.js';
import { call, type DemoLogin, startTestRuntime, type TestRuntime } from '../support/runtime.js';

/**
 * The portal in a real browser (Debian's Chromium through playwright-core), against the product
 * as `npm start` runs it: a client opens a ticket, an agent answers from the queue, the client
 * accepts; another organisation's client never sees it; axe finds no serious accessibility issue.
 */
const browserRuns = browserSuiteRuns('PORTAL');

const SHOTS = join('test-results', 'portal');
const README_SHOTS = join('docs', 'screenshots');

describe('portal bundle', () => {
  it('keeps what the browser loads first under 150 KB gzip', async () => {
    const size = await portalBundleSize();
    console.log(`portal initial bundle: ${(size.gzip / 1024).toFixed(1)} KiB gzip`);
    expect(size.gzip).toBeLessThanOrEqual(PORTAL_BUDGET_GZIP);
  });

  it('loads the Reports page and its chart library on demand, not with the first screen', async () => {
    const size = await portalBundleSize();
    // uPlot's overlay class: in the library's code and its stylesheet.
    const uPlot = 'u-over';
    const initial = size.files.map((file) => readFileSync(join(portalDist, file.file), 'utf8'));
    expect(initial.filter((text) => text.includes(uPlot))).toEqual([]);
    const chunks = readdirSync(join(portalDist, 'assets')).filter((file) =>
      /^reports-page-.*\.js$/.test(file),
    );
    expect(chunks).toHaveLength(1);
    expect(readFileSync(join(portalDist, 'assets', chunks[0] ?? ''), 'utf8')).toContain(uPlot);
  });
});

describe.skipIf(!browserRuns)('portal in Chromium', { timeout: 90_000 }, () => {
  let runtime: TestRuntime;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  let step = 0;
  let ticketPath = '';
  let reference = '';
  const subject = 'VPN drops every few minutes';
  const agentReply = 'Please update the VPN client to version 5.2; that fixes the drops.';

  const shot = async (page: Page, name: string) => {
    step += 1;
    await page.screenshot({
      path: join(SHOTS, `${String(step).padStart(2, '0')}-${name}.png`),
      fullPage: true,
    });
  };

  /** With UPDATE_README_SCREENSHOTS=1, the small committed images of docs/screenshots/ (desktop width). */
  const readmeShot = async (page: Page, name: string) => {
    if (process.env.UPDATE_README_SCREENSHOTS !== '1') return;
    mkdirSync(README_SHOTS, { recursive: true });
    const viewport = page.viewportSize();
    const dismiss = page.locator('.toast button');
    if (await dismiss.count()) await dismiss.click();
    await page.setViewportSize({ width: 1100, height: 760 });
    await page.getByRole('heading', { level: 1 }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(README_SHOTS, name) });
    if (viewport) await page.setViewportSize(viewport);
  };

  /** Axe on the current page: the serious and critical violations, summarised for a readable failure. */
  const accessibilityProblems = async (page: Page) => {
    const results = await new AxeBuilder({ page }).analyze();
    return results.violations
      .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
      .map(
        (violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
      );
  };

  const signIn = (email: DemoLogin, viewport = { width: 1200, height: 800 }) =>
    signInAs(browser, contexts, runtime.baseUrl, email, {
      locale: 'en-US',
      timezoneId: 'Europe/Berlin',
      viewport,
    });

  const PHONE = { width: 390, height: 844 };

  /** On a phone the language picker sits in the folded menu: open it, pick, and the menu folds again. */
  const chooseLanguage = async (page: Page, language: string) => {
    await page.locator('.menu-toggle').click();
    await page.locator('#language').selectOption(language);
    await page
      .locator('html')
      .and(page.locator(`[lang="${language}"]`))
      .waitFor();
    await page.locator('.menu-toggle').click();
  };

  /** What sticks out of a phone's width, for a failure that says where to look. */
  const overflowOf = (page: Page) =>
    page.evaluate(() => {
      const width = document.documentElement.clientWidth;
      const wide = Array.from(document.querySelectorAll('body *'))
        .filter(
          (element) =>
            element.getBoundingClientRect().right > width + 0.5 &&
            // clipped away for screen readers only (a phone's table head, visually-hidden labels)
            !element.closest('thead, .visually-hidden'),
        )
        .slice(0, 5)
        .map(
          (element) =>
            `${element.tagName.toLowerCase()}.${element.className}: ${element.textContent?.slice(0, 40)}`,
        );
      return { scrollWidth: document.documentElement.scrollWidth, wide };
    });

  beforeAll(async () => {
    rmSync(SHOTS, { recursive: true, force: true });
    mkdirSync(SHOTS, { recursive: true });
    mkdirSync(tmpdir(), { recursive: true }); // playwright keeps its per-launch profile there
    await ensurePortalBuilt();
    // The sample tickets npm start opens: every status, queue and priority, for badges in every tone.
    runtime = await startTestRuntime({ demoTickets: true });
    browser = await launchChromium([
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
    ]);
  }, 120_000);

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => {});
    await browser?.close();
    await runtime?.stop();
  });

  it('lets a client open a ticket, with inline errors first, and shows its reference', async () => {
    // Prepare
    const context = await browser.newContext({ locale: 'en-US', timezoneId: 'Europe/Berlin' });
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(runtime.baseUrl);
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    expect(await accessibilityProblems(page)).toEqual([]);
    await shot(page, 'sign-in');
    await page.getByLabel('Email', { exact: true }).fill('client@acme.example');
    await page.getByLabel('Password', { exact: true }).fill('demo');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Your organisation’s tickets' }).waitFor();
    await page.getByRole('link', { name: 'New ticket' }).first().click();
    await page.getByRole('heading', { name: 'New ticket' }).waitFor();
    expect(await accessibilityProblems(page)).toEqual([]);

    // Act: an empty form is refused by the API, field by field
    await page.getByRole('button', { name: 'Create ticket' }).click();
    const subjectError = page.locator('#ticket-subject-error');
    await subjectError.waitFor();
    await shot(page, 'new-ticket-errors');
    expect(await page.getByLabel('Subject').getAttribute('aria-invalid')).toBe('true');
    expect(await accessibilityProblems(page)).toEqual([]);

    // Act: a complete form opens the ticket
    await page.getByLabel('Subject').fill(subject);
    await page.getByLabel('Description').fill('Since this morning the VPN disconnects every 3–4 minutes.');
    await page.getByLabel('Category').selectOption('incident');
    await page.getByRole('button', { name: 'Create ticket' }).click();

    // Assess
    const heading = page.getByRole('heading', { level: 1 });
    await heading.filter({ hasText: subject }).waitFor();
    reference = (await heading.locator('.reference').textContent()) ?? '';
    expect(reference).toMatch(/^HD-\d{4}-\d{6}$/);
    expect(await page.getByRole('status').textContent()).toContain(reference);
    ticketPath = new URL(page.url()).pathname;
    expect(await page.title()).toContain(reference);
    await shot(page, 'client-ticket-created');
    expect(await accessibilityProblems(page)).toEqual([]);

    await page.getByRole('link', { name: 'My tickets' }).click();
    const row = page.getByRole('row').filter({ hasText: reference });
    await row.waitFor();
    expect(await row.textContent()).toContain('New');
    await shot(page, 'client-list');
    expect(await accessibilityProblems(page)).toEqual([]);
  });

  it('lets an agent find the ticket in the queue, pick it up, reply and propose the solution', async () => {
    // Prepare
    const page = await signIn('agent@helpdesk.example');
    await page.getByRole('heading', { name: 'Queue' }).waitFor();
    const row = page.getByRole('row').filter({ hasText: reference });
    await row.waitFor();
    expect(await row.locator('.sla').count()).toBe(1);
    // Queues by name, not by id (the names load beside the rows)
    await row
      .locator('td')
      .nth(5)
      .filter({ hasText: /^General$/ })
      .waitFor();
    await shot(page, 'agent-queue');
    expect(await accessibilityProblems(page)).toEqual([]);

    // Act
    await row.getByRole('link', { name: reference }).click();
    await page.getByRole('heading', { level: 1 }).filter({ hasText: reference }).waitFor();
    await page.getByRole('button', { name: 'Pick up' }).click();
    await page.getByRole('status').filter({ hasText: 'You picked up this ticket.' }).waitFor();
    await page.getByLabel('Reply', { exact: true }).fill(agentReply);
    await page.getByRole('button', { name: 'Send reply' }).click();
    await page.locator('.conversation').getByText(agentReply).waitFor();
    await page.getByLabel('Reply', { exact: true }).fill('Checked the gateway logs: client 5.1 is affected.');
    await page.getByRole('button', { name: 'Add internal note' }).click();
    await page.locator('.message.internal').waitFor();
    await readmeShot(page, 'agent-view.png');
    await page.getByRole('button', { name: 'Propose solution' }).click();

    // Assess
    await page.locator('.ticket-head .badge').filter({ hasText: 'Resolved' }).waitFor();
    expect(await page.locator('.facts').textContent()).toContain('Agnes Agent');
    await shot(page, 'agent-ticket');
    expect(await accessibilityProblems(page)).toEqual([]);
  });

  it('opens a ticket from anywhere in its queue row, the subject a link', async () => {
    // Prepare
    const page = await signIn('agent@helpdesk.example');
    await page.getByRole('heading', { name: 'Queue' }).waitFor();
    await page.goto(`${runtime.baseUrl}/queue?status=any`);
    const row = page.getByRole('row').filter({ hasText: reference });
    await row.waitFor();

    // Act
    await row.getByRole('link', { name: subject }).click();

    // Assess
    await page.getByRole('heading', { level: 1 }).filter({ hasText: reference }).waitFor();
    await page.goBack();
    await row.locator('td').last().click();
    await page.getByRole('heading', { level: 1 }).filter({ hasText: reference }).waitFor();
    // From the keyboard: focus moves to the new page, without a ring around the whole of it.
    await page.goBack();
    await row.getByRole('link', { name: subject }).press('Enter');
    await page.getByRole('heading', { level: 1 }).filter({ hasText: reference }).waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe('MAIN');
    const ring = await page.evaluate(() => {
      const style = getComputedStyle(document.activeElement as Element);
      return { shadow: style.boxShadow, outline: style.outlineStyle };
    });
    expect(ring).toEqual({ shadow: 'none', outline: 'none' });
  });

  it('lands on the Accept button from the mail link ?action=accept, without a ring around the page', async () => {
    // Prepare
    const page = await signIn('client@acme.example');

    // Act
    await page.goto(`${runtime.baseUrl}${ticketPath}?action=accept`);
    await page.getByRole('button', { name: 'Accept solution' }).waitFor();

    // Assess
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.textContent?.trim()))
      .toBe('Accept solution');
    const ring = await page.evaluate(
      () => getComputedStyle(document.querySelector('main') as Element).boxShadow,
    );
    expect(ring).toBe('none');
  });

  it('shows the client the reply, but not the internal note, and lets them accept and rate the solution', async () => {
    // Prepare
    const page = await signIn('client@acme.example', { width: 390, height: 844 });
    await page.goto(`${runtime.baseUrl}${ticketPath}`);

    // Act
    await page.locator('.conversation').getByText(agentReply).waitFor();
    expect(await page.getByText('client 5.1 is affected').count()).toBe(0);
    await shot(page, 'client-sees-reply-phone');
    await readmeShot(page, 'client-view.png');
    await page.getByRole('button', { name: 'Accept solution' }).click();
    await page.locator('.ticket-head .badge').filter({ hasText: 'Closed' }).waitFor();
    await page.getByRole('radio', { name: '5 of 5' }).check();
    await page.getByLabel('Comment (optional)').fill('Quick and clear, thank you.');
    await page.getByRole('button', { name: 'Send feedback' }).click();

    // Assess
    await page.getByText('Thank you for your feedback.').waitFor();
    await shot(page, 'client-accepted-feedback');
  });

  it('never shows the ticket to a client of another organisation, not even by its address', async () => {
    // Prepare
    const page = await signIn('client@globex.example');

    // Act
    await page.locator('main h1').waitFor();
    await page.locator('main .empty, main table').first().waitFor();
    const list = (await page.locator('main').textContent()) ?? '';
    await page.goto(`${runtime.baseUrl}${ticketPath}`);

    // Assess
    expect(list).not.toContain(reference);
    // Gustav's account is in German, and stays so across a reload
    const heading = page.getByRole('heading', { level: 1 });
    await heading
      .filter({ hasText: 'Dieses Ticket gibt es nicht, oder Sie dürfen es nicht sehen.' })
      .waitFor();
    expect((await page.locator('main').textContent()) ?? '').not.toContain(subject);
    await shot(page, 'other-organisation-not-found');
  });

  it('tells an agent when someone else changed the ticket meanwhile, and shows the new state', async () => {
    // Prepare: a fresh ticket, open in the agent's browser
    const created = await call(`${runtime.api}/tickets`, {
      method: 'POST',
      token: await runtime.token('client@acme.example'),
      body: { subject: 'Printer on floor 3 is offline', description: 'Since the power cut.' },
    });
    expect(created.status).toBe(201);
    const page = await signIn('agent@helpdesk.example');
    await page.goto(`${runtime.baseUrl}/tickets/${created.body.id}`);
    await page.getByRole('heading', { level: 1 }).filter({ hasText: created.body.reference }).waitFor();
    const changed = await call(`${runtime.api}/tickets/${created.body.id}`, {
      method: 'PATCH',
      token: await runtime.token('agent2@helpdesk.example'),
      headers: { 'if-match': `"${created.body.version}"` },
      body: { priority: 'urgent' },
    });
    expect(changed.status).toBe(200);

    // Act
    await page.getByLabel('Priority').selectOption('high');
    await page.getByRole('button', { name: 'Save changes' }).click();

    // Assess
    await page
      .getByRole('status')
      .filter({ hasText: 'Someone else changed this ticket meanwhile' })
      .waitFor();
    await page.locator('.facts').getByText('Urgent').waitFor();
    expect(await page.getByLabel('Priority').inputValue()).toBe('urgent');
    await shot(page, 'agent-stale-version');
  });

  it('shows a team lead the escalations and the team workload', async () => {
    // Prepare
    const page = await signIn('lead@helpdesk.example');

    // Act (the lead's account is in Estonian: the whole UI follows)
    await page.locator('nav a[href="/lead"]').click();

    // Assess
    await page.getByRole('heading', { name: 'Meeskonna töökoormus' }).waitFor();
    const agentRow = page.getByRole('row').filter({ hasText: 'Agnes Agent' });
    await agentRow.waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('et');
    await shot(page, 'lead-overview-et');
    expect(await accessibilityProblems(page)).toEqual([]);
  });

  it('follows a dark system theme, accessibly', async () => {
    // Prepare
    const context = await browser.newContext({ locale: 'en-US', colorScheme: 'dark' });
    contexts.push(context);
    const page = await context.newPage();

    // Act
    await page.goto(runtime.baseUrl);
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();

    // Assess
    const colours = await page.evaluate(() => {
      const root = getComputedStyle(document.documentElement);
      return { background: root.backgroundColor, ink: root.color };
    });
    const lightness = (rgb: string) =>
      (rgb.match(/\d+/g) ?? []).slice(0, 3).reduce((sum, n) => sum + Number(n), 0) / 3;
    expect(lightness(colours.background)).toBeLessThan(60);
    expect(lightness(colours.ink)).toBeGreaterThan(180);
    await shot(page, 'dark-sign-in');
    expect(await accessibilityProblems(page)).toEqual([]);
  });

  it('lets an admin change an SLA target through the policy editor, with inline errors first and the impact before saving', async () => {
    // Prepare: the editor is a page of the admin console
    const page = await signIn('admin@helpdesk.example');
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Administration' })
      .click();
    await page
      .getByRole('navigation', { name: 'Administration pages' })
      .getByRole('link', { name: 'SLA policies' })
      .click();
    await page.getByRole('heading', { name: 'SLA policies', level: 1 }).waitFor();
    const timeToOpen = page.getByRole('group', { name: 'Time to open (TTS)' }).first();
    await timeToOpen.waitFor();
    // The calendar is picked from the stored ones, by name.
    const calendar = page.getByLabel('Calendar').first();
    expect(await calendar.locator('option').allInnerTexts()).toContain('Office hours, Tallinn');

    // Act: an invalid duration first, then a valid one in days, hours and minutes
    await timeToOpen.getByLabel('minutes').fill('-5');
    await page.getByRole('button', { name: 'Save policies' }).click();
    await page.getByText('Not a duration: enter whole days, hours and minutes.').first().waitFor();
    await shot(page, 'admin-policies-error');
    expect(await accessibilityProblems(page)).toEqual([]);
    await timeToOpen.getByLabel('days').fill('');
    await timeToOpen.getByLabel('hours').fill('');
    await timeToOpen.getByLabel('minutes').fill('7');
    await page.getByRole('button', { name: 'Save policies' }).click();
    // The impact on open tickets shows first; new tickets only is the default.
    const impact = page.getByRole('region', { name: 'Before saving: the effect on open tickets' });
    await impact.waitFor();
    expect(await impact.innerText()).toMatch(/Open tickets now: \d+\./);
    expect(await impact.getByLabel(/new tickets only/).isChecked()).toBe(true);
    expect(await accessibilityProblems(page)).toEqual([]);
    await impact.getByRole('button', { name: 'Save policies now' }).click();
    await page.getByText('The SLA policies were saved.').waitFor();

    // Assess: the API now serves the new target
    const token = await runtime.token('admin@helpdesk.example');
    const stored = await fetch(`${runtime.api}/sla-policies`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const { policies } = (await stored.json()) as {
      policies: { targets: { timeToOpen: string | number } }[];
    };
    expect(policies[0]?.targets.timeToOpen).toBe('PT7M');
    await shot(page, 'admin-policies-saved');
  });

  it.each(['de', 'pl', 'et'])(
    'fits a 390 px phone in %s: the queue with its SLA badges and a ticket page never scroll sideways',
    async (language) => {
      // Prepare
      const page = await signIn('agent@helpdesk.example', PHONE);
      await chooseLanguage(page, language);

      // Act: the queue with every demo ticket, then the ticket with the most on it
      await page.goto(`${runtime.baseUrl}/queue?status=any`);
      await page.locator('tbody tr').nth(5).waitFor();
      const badges = await page.locator('.tickets .sla').count();
      const queue = await overflowOf(page);
      await shot(page, `phone-queue-${language}`);
      await page.locator('tbody tr').filter({ hasText: 'Order export' }).getByRole('link').first().click();
      await page.locator('.conversation .message').first().waitFor();
      await page.locator('.events li').first().waitFor();
      const ticket = await overflowOf(page);
      await shot(page, `phone-ticket-${language}`);

      // Assess
      expect(badges).toBeGreaterThanOrEqual(5);
      expect(queue.scrollWidth, `queue page: ${queue.wide.join(' | ')}`).toBeLessThanOrEqual(390);
      expect(queue.wide).toEqual([]);
      expect(ticket.scrollWidth, `ticket page: ${ticket.wide.join(' | ')}`).toBeLessThanOrEqual(390);
      expect(ticket.wide).toEqual([]);
      expect(await accessibilityProblems(page)).toEqual([]);
    },
  );

  it('keeps the header compact on a phone, the navigation folded into a menu', async () => {
    // Prepare
    const page = await signIn('lead@helpdesk.example', PHONE);
    const header = page.locator('header.topbar');
    const toggle = page.locator('.menu-toggle');

    // Act
    const folded = await header.boundingBox();
    const navHiddenAtFirst = await page.locator('header nav').isHidden();
    await toggle.click();
    const opened = await header.boundingBox();
    await shot(page, 'phone-menu-open');
    const problems = await accessibilityProblems(page);
    await page.locator('header nav a[href="/lead"]').click();

    // Assess
    expect(folded?.height).toBeLessThanOrEqual(64);
    expect(navHiddenAtFirst).toBe(true);
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    expect(opened?.height).toBe(folded?.height); // the open menu lies over the page, the bar keeps its height
    expect(problems).toEqual([]);
    await page
      .locator('main h1')
      .filter({ hasText: /töökoormus/i })
      .waitFor();
    expect(await page.locator('header nav').isHidden()).toBe(true);
  });

  it('shows toasts where they cover no button: each one can be scrolled clear and clicked', async () => {
    // Prepare: a fresh ticket, opened on a phone by an agent
    const created = await call(`${runtime.api}/tickets`, {
      method: 'POST',
      token: await runtime.token('client@acme.example'),
      body: { subject: 'Toast check', description: 'The toast must leave the buttons reachable.' },
    });
    const page = await signIn('agent@helpdesk.example', PHONE);
    await page.goto(`${runtime.baseUrl}/tickets/${created.body.id}`);
    await page.getByRole('heading', { level: 1 }).filter({ hasText: created.body.reference }).waitFor();

    // Act: picking up shows a toast
    await page.getByRole('button', { name: 'Pick up' }).click();
    const toast = page.locator('.toast');
    await toast.waitFor();
    await shot(page, 'phone-toast');
    const covered = await page.evaluate(() => {
      const region = document.querySelector('.toast') as Element;
      const hidden: string[] = [];
      const buttons = Array.from(document.querySelectorAll('main button, main select, main textarea'));
      for (const button of buttons as HTMLElement[]) {
        if (button.offsetParent === null) continue;
        button.scrollIntoView({ block: 'nearest' });
        const box = button.getBoundingClientRect();
        const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
        if (hit && region.contains(hit)) hidden.push(button.textContent?.trim() || button.id);
      }
      window.scrollTo(0, document.documentElement.scrollHeight);
      const last = buttons.at(-1)?.getBoundingClientRect();
      return {
        hidden,
        count: buttons.length,
        lastBottom: last?.bottom ?? 0,
        toastTop: region.getBoundingClientRect().top,
      };
    });

    // Assess
    expect(covered.count).toBeGreaterThan(3);
    expect(covered.hidden).toEqual([]);
    expect(covered.lastBottom).toBeLessThanOrEqual(covered.toastTop);
    await toast.getByRole('button', { name: 'Close' }).click();
    await expect.poll(() => toast.count()).toBe(0);
  });
});
