import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensurePortalBuilt } from '../../scripts/portal-build.js';
import { browserSuiteRuns, launchChromium, signInAs } from '../support/chromium.js';
import { call, type DemoLogin, startTestRuntime, type TestRuntime } from '../support/runtime.js';

/**
 * The admin console in a real browser (docs/admin.md): every page reachable from its menu and
 * axe-clean; an admin edits an organisation's domains (a stale save says so and reloads), a
 * calendar's hours (an overlap shows at the shift), and a rule through the builder and its test
 * panel; a lead sees only the queues page. Creating a queue with members and auto-assignment,
 * and the client's ticket landing assigned: test/portal/routing-browser.test.ts.
 */
const browserRuns = browserSuiteRuns('ADMIN CONSOLE');

/** Saves go through the local API on a busy machine: give each visible outcome time. */
const eventually = { timeout: 20_000 };

describe.skipIf(!browserRuns)('admin console in Chromium', { timeout: 120_000 }, () => {
  let runtime: TestRuntime;
  let browser: Browser;
  let admin: string;
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

  const toast = (page: Page) => page.locator('.toast-region');

  beforeAll(async () => {
    mkdirSync(tmpdir(), { recursive: true });
    await ensurePortalBuilt();
    runtime = await startTestRuntime({ stream: false });
    browser = await launchChromium();
    admin = await runtime.token('admin@helpdesk.example');
  }, 180_000);

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => {});
    await browser?.close();
    await runtime?.stop();
  });

  it('opens every console page from its menu, each axe-clean', { timeout: 300_000 }, async () => {
    const page = await signIn('admin@helpdesk.example');
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Administration' })
      .click();
    const menu = page.getByRole('navigation', { name: 'Administration pages' });
    await menu.getByRole('link').first().waitFor();
    const titles = await menu.getByRole('link').allInnerTexts();
    expect(titles).toEqual([
      'Organisations',
      'Users and roles',
      'Queues',
      'Categories',
      'Calendars',
      'Automation rules',
      'SLA policies',
      'Inbound mail',
      'Mail templates',
      'Ticket fields',
      'Status labels',
    ]);
    for (const title of titles) {
      await menu.getByRole('link', { name: title, exact: true }).click();
      await expect
        .poll(
          () => menu.getByRole('link', { name: title, exact: true }).getAttribute('aria-current'),
          eventually,
        )
        .toBe('page');
      await page.locator('.admin-page form, .admin-page table').first().waitFor();
      expect(await accessibilityProblems(page), title).toEqual([]);
    }
  });

  it("edits an organisation's domains at the version read: a stale save reloads, a claimed domain shows at the field", async () => {
    const page = await signIn('admin@helpdesk.example');
    await page.goto(`${runtime.baseUrl}/admin/organisations`);
    const acme = page.getByRole('form', { name: 'Acme Corporation' });
    await acme.getByLabel('E-mail domains').waitFor();

    // Someone renames Acme after the page was read: the save is refused and the page reloads.
    const renamed = await call(`${runtime.api}/organisations/acme`, {
      method: 'PATCH',
      token: admin,
      body: { name: 'Acme Corp.' },
    });
    expect(renamed.status).toBe(200);
    await acme.getByLabel('E-mail domains').fill('acme.example\nacme-support.example');
    await acme.getByRole('button', { name: 'Save' }).click();
    await expect
      .poll(() => toast(page).innerText(), eventually)
      .toContain('Someone else saved this in the meantime');
    const reloaded = page.getByRole('form', { name: 'Acme Corp.' });
    await expect
      .poll(() => reloaded.getByLabel('E-mail domains').inputValue(), eventually)
      .toBe('acme.example');

    // Globex's domain cannot be Acme's: the message names it at the field, nothing is stored.
    await reloaded.getByLabel('E-mail domains').fill('acme.example\nglobex.example');
    await reloaded.getByRole('button', { name: 'Save' }).click();
    await expect
      .poll(() => reloaded.locator('.field-error').innerText(), eventually)
      .toContain('globex.example');
    expect(await reloaded.getByLabel('E-mail domains').getAttribute('aria-invalid')).toBe('true');

    await reloaded.getByLabel('E-mail domains').fill('acme.example\nacme-support.example');
    await reloaded.getByLabel('E-mail domains').press('Tab');
    await reloaded.getByRole('button', { name: 'Save' }).press('Enter');
    await expect.poll(() => toast(page).innerText(), eventually).toContain('Acme Corp. is saved.');
    const stored = await call(`${runtime.api}/organisations`, { token: admin });
    const acmeNow = stored.body.items.find((organisation: { id: string }) => organisation.id === 'acme');
    expect(acmeNow.domains).toEqual(['acme.example', 'acme-support.example']);
  });

  it("edits a calendar's time zone and hours in the week grid: the zone typed and a Saturday shift are stored, an overlap shows at the shift", async () => {
    const page = await signIn('admin@helpdesk.example');
    await page.goto(`${runtime.baseUrl}/admin/calendars`);
    const form = page.getByRole('form', { name: 'Office hours, Tallinn' });
    // The zone, picked by typing its name into the focused list, as a keyboard user does.
    const zone = form.getByLabel('Time zone');
    expect(await zone.inputValue()).toBe('Europe/Tallinn');
    await zone.focus();
    await page.keyboard.type('Europe/Helsinki');
    await expect.poll(() => zone.inputValue()).toBe('Europe/Helsinki');
    await form.getByRole('button', { name: 'Add a shift on Saturday' }).click();
    await form.getByLabel('Saturday, shift 1, from').fill('09:00');
    await form.getByLabel('Saturday, shift 1, until').fill('13:00');
    await form.getByLabel('Date').fill('2026-12-24');
    await form.getByRole('button', { name: 'Add holiday' }).click();
    await form.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => toast(page).innerText(), eventually).toContain('Office hours, Tallinn is saved');
    const stored = await call(`${runtime.api}/sla-calendars/office-tallinn`, { token: admin });
    expect(stored.body.timeZone).toBe('Europe/Helsinki');
    expect(stored.body.weeklyHours.saturday).toEqual([{ from: '09:00', to: '13:00' }]);
    expect(stored.body.holidays).toContain('2026-12-24');

    // Monday's second shift starting inside the first: the API's 400 shows at that shift.
    const saved = page.getByRole('form', { name: 'Office hours, Tallinn' });
    await saved.getByLabel('Monday, shift 2, from').fill('11:00');
    await saved.getByRole('button', { name: 'Save' }).click();
    const from = saved.getByLabel('Monday, shift 2, from');
    await expect.poll(() => from.getAttribute('aria-invalid'), eventually).toBe('true');
    expect(await saved.locator('.shift.field-invalid .field-error').innerText()).toMatch(/overlap/);
    const unchanged = await call(`${runtime.api}/sla-calendars/office-tallinn`, { token: admin });
    expect(unchanged.body.weeklyHours.monday[1].from).not.toBe('11:00');
  });

  it('adds a category with its names, renames and stops offering it; the new-ticket form offers it only while offered', async () => {
    const suffix = randomBytes(3).toString('hex');
    const id = `hardware-${suffix}`;
    const names = {
      en: `Hardware ${suffix}`,
      de: `Hardware ${suffix} (de)`,
      pl: `Sprzęt ${suffix}`,
      et: `Riistvara ${suffix}`,
    };
    const page = await signIn('admin@helpdesk.example');
    await page.goto(`${runtime.baseUrl}/admin/categories`);
    await page.getByLabel('Id of category 1').waitFor(eventually);
    const rows = await page.getByLabel(/^Id of category \d+$/).count();
    await page.getByRole('button', { name: 'Add a category' }).click();
    const row = rows + 1;
    const idField = page.getByLabel(`Id of category ${row}`);
    // An id the API refuses: its message shows at the field, nothing is stored.
    await idField.fill(`Hardware ${suffix}`);
    await page.getByLabel(`Name in English of category ${row}`).fill(names.en);
    await page.getByLabel(`Name in Deutsch of category ${row}`).fill(names.de);
    await page.getByLabel(`Name in Polski of category ${row}`).fill(names.pl);
    await page.getByLabel(`Name in Eesti of category ${row}`).fill(names.et);
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => idField.getAttribute('aria-invalid'), eventually).toBe('true');
    const idError = (await idField.getAttribute('aria-describedby')) ?? '';
    expect(idError).not.toBe('');
    expect(await page.locator(`#${idError}`).innerText()).toContain('lowercase letters');
    expect(await accessibilityProblems(page)).toEqual([]);
    const stored = async () =>
      ((await call(`${runtime.api}/categories`, { token: admin })).body.categories as { id: string }[]).find(
        (category) => category.id === id,
      );
    expect(await stored()).toBeUndefined();

    await idField.fill(id);
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await toast(page).getByText('The categories are saved.').waitFor(eventually);
    expect(await stored()).toEqual({ id, names, active: true });

    // A client's new-ticket form offers it by its name.
    const client = await signIn('client@acme.example');
    const offered = async () => {
      await client.goto(`${runtime.baseUrl}/tickets/new`);
      const category = client.getByLabel('Category');
      // The admins' list has arrived (the built-in one, shown meanwhile, has no Emergency).
      await expect.poll(() => category.locator('option').allInnerTexts(), eventually).toContain('Emergency');
      return category.locator('option').allInnerTexts();
    };
    expect(await offered()).toContain(names.en);

    // Renamed: the form offers the new name only.
    const renamed = `Devices ${suffix}`;
    await page.getByLabel(`Name in English of category ${row}`).fill(renamed);
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await toast(page).getByText('The categories are saved.').waitFor(eventually);
    await expect.poll(stored, eventually).toMatchObject({ names: { en: renamed }, active: true });
    const afterRename = await offered();
    expect(afterRename).toContain(renamed);
    expect(afterRename).not.toContain(names.en);

    // No longer offered: stored as such, gone from the form.
    await page.getByLabel(`Category ${row} is offered for new tickets`).uncheck();
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(stored, eventually).toMatchObject({ active: false });
    expect(await offered()).not.toContain(renamed);
  });

  it('builds a rule, sees in the test panel what it would change, and saves it', async () => {
    const page = await signIn('admin@helpdesk.example');
    await page.goto(`${runtime.baseUrl}/admin/automation`);
    await page.getByRole('button', { name: 'Add a rule' }).click();
    const rule = page.getByRole('article').last();
    await rule.getByLabel('Name').fill('Urgent VPN');
    await rule
      .getByRole('group', { name: 'All of these conditions' })
      .getByRole('button', { name: 'Add a condition' })
      .click();
    await rule.getByLabel('Field of Condition 1 of Urgent VPN').selectOption('subject');
    await rule.getByLabel('Comparison of Condition 1 of Urgent VPN').selectOption('contains');
    await rule.getByLabel(/^Value of Condition 1 of Urgent VPN/).fill('VPN');
    await rule.getByLabel('Kind of Action 1 of Urgent VPN').selectOption('set');
    await rule.getByLabel('Field Action 1 of Urgent VPN sets').selectOption('priority');
    await rule.getByLabel(/^Value Action 1 of Urgent VPN sets/).fill('urgent');

    const panel = page.getByRole('form', { name: 'Test the rules' });
    await panel.getByLabel('Subject').fill('VPN down since the morning');
    await panel.getByRole('button', { name: 'Run the test' }).click();
    const result = panel.getByRole('status');
    await expect.poll(() => result.innerText(), eventually).toContain('Fires: Urgent VPN');
    expect(await result.innerText()).toContain('priority: "normal" → "urgent"');
    await panel.getByLabel('Subject').fill('Printer jammed');
    await panel.getByRole('button', { name: 'Run the test' }).click();
    await expect.poll(() => result.innerText(), eventually).toContain('No rule would fire.');
    expect(await accessibilityProblems(page)).toEqual([]);

    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => toast(page).innerText(), eventually).toContain('The rules are saved.');
    const stored = await call(`${runtime.api}/automation/rules`, { token: admin });
    expect(stored.body.rules).toContainEqual({
      id: 'rule-1',
      name: 'Urgent VPN',
      active: true,
      when: ['ticket.created'],
      if: { all: [{ field: 'subject', op: 'contains', value: 'VPN' }] },
      then: [{ action: 'set', field: 'priority', value: 'urgent' }],
    });
  });

  it("keeps a field being typed when the admins' status labels arrive after the page", async () => {
    const page = await signIn('admin@helpdesk.example');
    // Hold the status labels (loaded once per page load, beside the page's own data) until the
    // admin has started typing, as a slow network does.
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    await page.route('**/api/v1/statuses', async (route) => {
      await held;
      await route.continue();
    });
    await page.goto(`${runtime.baseUrl}/admin/ticket-fields`);
    const form = page.getByRole('form', { name: 'Ticket fields' });
    await form.getByRole('button', { name: 'Add a field' }).click();
    const id = form.locator('fieldset.ticket-field').last().getByLabel('Id', { exact: true });
    await id.fill('typed-before-labels');
    const labels = page.waitForResponse('**/api/v1/statuses');
    release();
    await labels;
    await page.waitForLoadState('networkidle');
    await expect.poll(() => id.inputValue()).toBe('typed-before-labels');
  });

  it('adds a select field required for Emergency; a client filing an Emergency ticket must fill it, the ticket shows it', async () => {
    const page = await signIn('admin@helpdesk.example');
    await page.goto(`${runtime.baseUrl}/admin/ticket-fields`);
    const form = page.getByRole('form', { name: 'Ticket fields' });
    await form.getByRole('button', { name: 'Add a field' }).click();
    const field = form.locator('fieldset.ticket-field').last();
    await field.getByLabel('Id', { exact: true }).fill('impact');
    await field.getByLabel('Label in English').fill('Business impact');
    await field.getByLabel('Label in Deutsch').fill('Geschäftliche Auswirkung');
    await field.getByLabel('Label in Polski').fill('Wpływ na biznes');
    await field.getByLabel('Label in Eesti').fill('Mõju äritegevusele');
    await field.getByLabel('Type').selectOption('select');
    await field.getByLabel('Options (one per line)').fill('Site down\nDegraded');
    await field
      .getByRole('group', { name: 'Categories that require Business impact' })
      .getByLabel('Emergency')
      .check();
    await field.getByLabel('Clients may fill it in').check();
    expect(await accessibilityProblems(page)).toEqual([]);
    await form.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => toast(page).innerText(), eventually).toContain('The ticket fields are saved.');
    const stored = await call(`${runtime.api}/ticket-fields`, { token: admin });
    expect(stored.body.fields).toContainEqual({
      id: 'impact',
      label: {
        en: 'Business impact',
        de: 'Geschäftliche Auswirkung',
        pl: 'Wpływ na biznes',
        et: 'Mõju äritegevusele',
      },
      type: 'select',
      options: ['Site down', 'Degraded'],
      requiredFor: ['emergency'],
      clientEditable: true,
    });

    // The client picks Emergency: the field is marked required and the form refuses to send without it.
    const client = await signIn('client@acme.example');
    await client.goto(`${runtime.baseUrl}/tickets/new`);
    await client.getByLabel('Subject').fill('The shop is down');
    await client.getByLabel('Description').fill('Nobody can order since 9:00.');
    await client.getByLabel('Category').selectOption({ label: 'Emergency' });
    const impact = client.getByLabel('Business impact *');
    await impact.waitFor();
    await client.getByRole('button', { name: 'Create ticket' }).click();
    await expect.poll(() => impact.getAttribute('aria-invalid'), eventually).toBe('true');
    expect(await client.locator('.field-invalid .field-error').innerText()).toContain(
      'Required for this category',
    );
    expect(new URL(client.url()).pathname).toBe('/tickets/new');
    expect(await accessibilityProblems(client)).toEqual([]);

    await impact.selectOption('Site down');
    await client.getByRole('button', { name: 'Create ticket' }).click();
    await client.waitForURL(/\/tickets\/(?!new)[^/]+$/, eventually);
    const details = client.getByRole('region', { name: 'Details' });
    await expect
      .poll(() => details.getByLabel('Business impact *').inputValue(), eventually)
      .toBe('Site down');
    const id = new URL(client.url()).pathname.split('/').pop() ?? '';
    const ticket = await call(`${runtime.api}/tickets/${id}`, { token: admin });
    expect(ticket.body).toMatchObject({ category: 'emergency', fields: { impact: 'Site down' } });

    // An admin drops an option while the page is open: the API's 400 on saving it shows at the field.
    const definitions = await call(`${runtime.api}/ticket-fields`, { token: admin });
    const dropped = await call(`${runtime.api}/ticket-fields`, {
      method: 'PUT',
      token: admin,
      headers: { 'if-match': definitions.headers.get('etag') ?? '*' },
      body: {
        fields: definitions.body.fields.map((field: { id: string }) =>
          field.id === 'impact' ? { ...field, options: ['Site down', 'Outage'] } : field,
        ),
      },
    });
    expect(dropped.status).toBe(200);
    const impactHere = details.getByLabel('Business impact *');
    await impactHere.selectOption('Degraded');
    await details.getByRole('button', { name: 'Save details' }).click();
    await expect.poll(() => impactHere.getAttribute('aria-invalid'), eventually).toBe('true');
    const describedBy = (await impactHere.getAttribute('aria-describedby')) ?? '';
    expect(describedBy).toContain('ticket-field-impact-error');
    expect(await client.locator('#ticket-field-impact-error').innerText()).toContain(
      'Pick one of: Site down, Outage',
    );
    expect(await impactHere.evaluate((element) => element === document.activeElement)).toBe(true);
    expect(await toast(client).innerText()).not.toContain('Pick one of');
    expect(await accessibilityProblems(client)).toEqual([]);
    const unchanged = await call(`${runtime.api}/tickets/${id}`, { token: admin });
    expect(unchanged.body.fields).toEqual({ impact: 'Site down' });
  });

  it('renames a status in the console, and the queue page shows the new label; filters by a custom field, kept in the history and in a saved view', async () => {
    const page = await signIn('admin@helpdesk.example');
    await page.goto(`${runtime.baseUrl}/admin/status-labels`);
    const form = page.getByRole('form', { name: 'Status labels' });
    await form.getByLabel('Label of open in English').fill('In progress');
    await form.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => toast(page).innerText(), eventually).toContain('The status labels are saved.');
    expect(await accessibilityProblems(page)).toEqual([]);
    const stored = await call(`${runtime.api}/statuses`, { token: admin });
    expect(stored.body.statuses).toContainEqual({ id: 'open', labels: { en: 'In progress' } });

    // An open ticket in the queue (this runtime opens no demo tickets).
    const created = await call(`${runtime.api}/tickets`, {
      method: 'POST',
      token: await runtime.token('client@acme.example'),
      body: { subject: 'Label check', description: 'A ticket to show its status.' },
    });
    const opened = await call(`${runtime.api}/tickets/${created.body.id}`, {
      method: 'PATCH',
      token: await runtime.token('agent@helpdesk.example'),
      headers: { 'if-match': `"${created.body.version}"` },
      body: { status: 'open' },
    });
    expect(opened.status).toBe(200);

    const agent = await signIn('agent@helpdesk.example');
    await agent.goto(`${runtime.baseUrl}/queue`);
    await expect
      .poll(() => agent.locator('.badge.status-open').allInnerTexts(), eventually)
      .toContain('In progress');
    expect(await agent.locator('.badge.status-open').allInnerTexts()).not.toContain('Open');

    // Filtered by a custom field (the Emergency ticket above carries one), kept in the address.
    await agent.getByLabel('Custom field').selectOption({ label: 'Business impact' });
    await agent.getByLabel('Value of Business impact').selectOption('Site down');
    await agent.waitForURL(/[?&]field=impact%3ASite\+down/, eventually);
    const rows = async () =>
      (await agent.locator('table tbody tr').allInnerTexts()).map((row) => row.includes('The shop is down'));
    await expect.poll(rows, eventually).toEqual([true]);
    expect(await accessibilityProblems(agent)).toEqual([]);
    // A filter picked from a list is a history entry (docs/desk.md): Back lists every ticket
    // again, Forward filters again. The field and its value were one step.
    const fieldInAddress = () => new URL(agent.url()).searchParams.get('field');
    await agent.goBack();
    await expect.poll(fieldInAddress, eventually).toBeNull();
    await expect.poll(() => agent.getByLabel('Custom field').inputValue(), eventually).toBe('');
    await expect.poll(rows, eventually).toContain(false);
    await agent.goForward();
    await expect.poll(fieldInAddress, eventually).toBe('impact:Site down');
    await expect.poll(rows, eventually).toEqual([true]);
    await agent.reload();
    await expect
      .poll(() => agent.getByLabel('Value of Business impact').inputValue(), eventually)
      .toBe('Site down');
    await expect.poll(rows, eventually).toEqual([true]);

    // Saved as a view, the field filter comes back when the view is opened; Back leaves the view.
    await agent.getByRole('button', { name: 'Save as view…' }).click();
    await agent.getByLabel('Name of the view').fill('Sites down');
    await agent.getByRole('button', { name: 'Save view' }).click();
    await expect.poll(() => toast(agent).innerText(), eventually).toContain('View “Sites down” saved.');
    await agent.goto(`${runtime.baseUrl}/queue`);
    await expect.poll(rows, eventually).toContain(false);
    await agent.getByLabel('Saved view').selectOption({ label: 'Sites down (mine)' });
    await expect.poll(fieldInAddress, eventually).toBe('impact:Site down');
    await expect
      .poll(() => agent.getByLabel('Value of Business impact').inputValue(), eventually)
      .toBe('Site down');
    await expect.poll(rows, eventually).toEqual([true]);
    expect(await accessibilityProblems(agent)).toEqual([]);
    await agent.goBack();
    await expect.poll(fieldInAddress, eventually).toBeNull();
    await expect.poll(() => agent.getByLabel('Saved view').inputValue(), eventually).toBe('');
    await expect.poll(rows, eventually).toContain(false);
  });

  it('shows a lead only the queues page, with the members of the queues they lead', async () => {
    const page = await signIn('lead@helpdesk.example');
    await page.goto(`${runtime.baseUrl}/admin`);
    // Liis reads Estonian (her account's language).
    const menu = page.getByRole('navigation', { name: 'Halduse lehed' });
    await expect.poll(() => menu.getByRole('link').allInnerTexts(), eventually).toEqual(['Järjekorrad']);
    await page.getByRole('heading', { name: 'Järjekorrad', level: 1 }).waitFor();
    expect(await accessibilityProblems(page)).toEqual([]);
  });

  it('invites an agent from the users page; the mailed link sets their password once and signs them in; deactivated, shown in the list and stored', async () => {
    // The SES emulator serves the whole run: an address and a name of this test's own.
    const suffix = randomBytes(4).toString('hex');
    const email = `ines.${suffix}@helpdesk.example`;
    const name = `Ines Invitee ${suffix}`;
    const page = await signIn('admin@helpdesk.example');
    await page.goto(`${runtime.baseUrl}/admin/users`);
    const invite = page.getByRole('form', { name: 'Invite a person' });
    await invite.getByLabel('E-mail').fill(email);
    await invite.getByLabel('Name', { exact: true }).fill(name);
    await invite.getByLabel('Capacity (open tickets)').fill('4');
    await invite.getByRole('button', { name: 'Send invitation' }).click();
    await toast(page).getByText(`An invitation went to ${email}.`).waitFor(eventually);
    const row = page.getByRole('row', { name: new RegExp(name) });
    await row.getByText('Active (may sign in)').waitFor(eventually);
    const listed = async () =>
      (await call(`${runtime.api}/users?role=agent`, { token: admin })).body.items.find(
        (user: { email: string }) => user.email === email,
      );
    expect(await listed()).toMatchObject({ name, capacity: 4, active: true });
    expect(await accessibilityProblems(page)).toEqual([]);

    // The set-password mail's link, opened in a browser of the invitee's own, not signed in.
    const mailedLink = async () => {
      const store = (await (await fetch(`${runtime.sesUrl}/store`)).json()) as {
        emails: { destination: { to: string[] }; body: { text?: string } }[];
      };
      const mail = store.emails.find((sent) =>
        sent.destination.to.some((to) => to === email || to.endsWith(`<${email}>`)),
      );
      return /\S+\/set-password\?token=[\w-]+/.exec(mail?.body.text ?? '')?.[0] ?? '';
    };
    await expect.poll(mailedLink, eventually).not.toBe('');
    const link = new URL(await mailedLink());
    const opened = `${runtime.baseUrl}${link.pathname}${link.search}`;
    const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1200, height: 900 } });
    contexts.push(context);
    const invitee = await context.newPage();
    const sent: string[] = [];
    invitee.on('request', (request) => {
      if (request.url().endsWith('/api/v1/auth/set-password')) sent.push(request.url());
    });
    await invitee.goto(opened);
    await invitee
      .getByText(`Welcome, ${name}! Choose the password you will sign in with as ${email}.`)
      .waitFor(eventually);
    await invitee.getByRole('heading', { name: 'Choose your password', level: 1 }).waitFor();
    // The token left the address (and so the history): only the path stays.
    expect(invitee.url()).toBe(`${runtime.baseUrl}/set-password`);
    const password = invitee.getByLabel('New password');
    const repeat = invitee.getByLabel('Repeat the password');
    expect(await invitee.locator('#new-password-hint').innerText()).toContain('At least 10 characters.');
    expect(await password.getAttribute('aria-describedby')).toBe('new-password-hint');

    // Two different passwords: said at the confirmation before anything is sent.
    await password.fill('too short');
    await repeat.fill('too shorts');
    await repeat.press('Enter');
    await expect.poll(() => repeat.getAttribute('aria-invalid')).toBe('true');
    expect(await invitee.locator('#repeat-password-error').innerText()).toBe(
      'The two passwords are not the same.',
    );
    expect(await repeat.evaluate((element) => element === document.activeElement)).toBe(true);
    expect(sent).toEqual([]);

    // Too short: the API's rule at the password field.
    await repeat.fill('too short');
    await repeat.press('Enter');
    await expect.poll(() => password.getAttribute('aria-invalid'), eventually).toBe('true');
    expect(await invitee.locator('#new-password-error').innerText()).toBe('At least 10 characters');
    expect(await password.evaluate((element) => element === document.activeElement)).toBe(true);
    expect(sent).toHaveLength(1);
    expect(await accessibilityProblems(invitee)).toEqual([]);

    // A good one: set, and the invitee is signed in as the agent they were invited as.
    await password.fill('a long new password');
    await repeat.fill('a long new password');
    await invitee.getByRole('button', { name: 'Set password' }).click();
    await toast(invitee).getByText(`Your password is set. Welcome, ${name}!`).waitFor(eventually);
    expect(new URL(invitee.url()).pathname).toBe('/');
    await invitee.getByText(`Signed in as ${name} (agent)`).waitFor();
    await invitee.getByRole('heading', { name: 'Queue', level: 1 }).waitFor(eventually);
    const menu = invitee.getByRole('navigation', { name: 'Main' });
    expect(await menu.getByRole('link').allInnerTexts()).toContain('Queue');
    expect(await menu.getByRole('link', { name: 'Administration' }).count()).toBe(0);
    const login = await call(`${runtime.api}/auth/login`, {
      method: 'POST',
      body: { email, password: 'a long new password' },
    });
    expect(login.status).toBe(200);

    // The same link again: no form to type into, the way to a new invitation.
    await invitee.goto(opened);
    await invitee
      .getByRole('alert')
      .getByText('This invitation link cannot be used: it was used already, has expired or is not known.', {
        exact: false,
      })
      .waitFor(eventually);
    expect(await invitee.getByRole('alert').innerText()).toContain('Ask an admin for a new invitation.');
    expect(await invitee.getByLabel('New password').count()).toBe(0);
    expect(invitee.url()).toBe(`${runtime.baseUrl}/set-password`);
    expect(await accessibilityProblems(invitee)).toEqual([]);

    await row.getByRole('button', { name: `Edit ${name}` }).click();
    const edit = page.getByRole('form', { name: `Edit ${name}` });
    await edit.getByLabel('Active (may sign in)').uncheck();
    await edit.getByRole('button', { name: 'Save' }).click();
    await row.getByText('Deactivated').waitFor(eventually);
    expect(await listed()).toMatchObject({ active: false });
  });

  it('picks a policy calendar by name and sees the effect on open tickets before saving for new tickets only', async () => {
    const before = await call(`${runtime.api}/sla-policies`, { token: admin });
    const calendars = (await call(`${runtime.api}/sla-calendars`, { token: admin })).body.items as {
      id: string;
      name: string;
    }[];
    const first = before.body.policies[0] as { id: string; calendarId?: string };
    const target = calendars.find((calendar) => calendar.id !== (first.calendarId ?? '24x7')) ?? calendars[0];
    const page = await signIn('admin@helpdesk.example');
    await page.goto(`${runtime.baseUrl}/admin/sla-policies`);
    const picker = page.getByLabel('Calendar').first();
    await picker.waitFor(eventually);
    await picker.selectOption({ label: target?.name ?? '' });
    await page.getByRole('button', { name: 'Save policies' }).click();
    const preview = page.getByRole('region', { name: 'Before saving: the effect on open tickets' });
    await preview.waitFor(eventually);
    const expected = await call(`${runtime.api}/sla-policies/preview`, {
      method: 'POST',
      token: admin,
      body: {
        policies: before.body.policies.map((p: { id: string }) =>
          p.id === first.id ? { ...p, calendarId: target?.id } : p,
        ),
        applyTo: 'open',
      },
    });
    expect(expected.status).toBe(200);
    await preview.getByText(`Open tickets now: ${expected.body.openTickets}.`).waitFor();
    // Nothing is saved before the confirmation.
    expect((await call(`${runtime.api}/sla-policies`, { token: admin })).body.policies[0].calendarId).toBe(
      first.calendarId,
    );
    expect(await accessibilityProblems(page)).toEqual([]);
    expect(await preview.getByLabel('new tickets only (open tickets keep their deadlines)').isChecked()).toBe(
      true,
    );
    await preview.getByRole('button', { name: 'Save policies now' }).click();
    await toast(page).getByText('The SLA policies were saved.').waitFor(eventually);
    const after = await call(`${runtime.api}/sla-policies`, { token: admin });
    expect(after.body.policies[0].calendarId).toBe(target?.id);
    const history = await call(`${runtime.api}/sla-policies/history`, { token: admin });
    expect(history.body.items[0]).toMatchObject({ applyTo: 'new' });
  });
});
