import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensurePortalBuilt } from '../../scripts/portal-build.js';
import { browserSuiteRuns, launchChromium, signInAs } from '../support/chromium.js';
import { call, startTestRuntime, type TestRuntime } from '../support/runtime.js';

/**
 * The staff side of the knowledge base and saved views in a real browser (docs/kb.md,
 * docs/desk.md): an agent inserts a link to an article into a reply, creates an article from a
 * ticket in the editor (preview, save, history), saves the queue's filters as a view and opens
 * it again; axe finds no serious issue on the editor.
 */
const browserRuns = browserSuiteRuns('KB EDITOR');

describe.skipIf(!browserRuns)(
  'the knowledge-base editor and saved views in Chromium',
  { timeout: 120_000 },
  () => {
    let runtime: TestRuntime;
    let browser: Browser;
    const contexts: BrowserContext[] = [];
    const tokens: Record<string, string> = {};
    let articleId = '';

    const accessibilityProblems = async (page: Page) => {
      const results = await new AxeBuilder({ page }).analyze();
      return results.violations
        .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
        .map(
          (violation) =>
            `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
        );
    };

    const signInAgent = () =>
      signInAs(browser, contexts, runtime.baseUrl, 'agent@helpdesk.example', {
        locale: 'en-US',
        viewport: { width: 1200, height: 900 },
      });

    const openTicket = async (subject: string) => {
      const created = await call(`${runtime.api}/tickets`, {
        method: 'POST',
        token: tokens.client,
        body: { subject, description: 'The projector in room 4 shows no picture.' },
      });
      expect(created.status).toBe(201);
      return created.body as { id: string; reference: string; version: number };
    };

    const visit = async (page: Page, ticket: { id: string; reference: string }) => {
      await page.goto(`${runtime.baseUrl}/tickets/${ticket.id}`);
      await page.getByRole('heading', { level: 1 }).filter({ hasText: ticket.reference }).waitFor();
    };

    beforeAll(async () => {
      mkdirSync(tmpdir(), { recursive: true });
      await ensurePortalBuilt();
      // With the change stream: the article search reads the index its consumer keeps.
      runtime = await startTestRuntime();
      for (const [who, email] of Object.entries({
        client: 'client@acme.example',
        agent: 'agent@helpdesk.example',
        lead: 'lead@helpdesk.example',
      } as const))
        tokens[who] = await runtime.token(email);
      const article = await call(`${runtime.api}/kb/articles`, {
        method: 'POST',
        token: tokens.lead,
        body: {
          title: 'Projector cable guide',
          body: 'Check the **HDMI** cable first.',
          language: 'en',
          status: 'published',
        },
      });
      expect(article.status).toBe(201);
      articleId = article.body.id;
      await runtime.drained();
      browser = await launchChromium();
    }, 180_000);

    afterAll(async () => {
      for (const context of contexts) await context.close().catch(() => {});
      await browser?.close();
      await runtime?.stop();
    });

    it('lets an agent insert a link to an article into a reply', async () => {
      const ticket = await openTicket('Projector stays dark');
      const page = await signInAgent();
      await visit(page, ticket);
      await page.getByLabel('Reply', { exact: true }).fill('See: ');
      await page.getByRole('button', { name: 'Insert a link to an article' }).click();
      const search = page.getByLabel('Find an article');
      await search.fill('projector cable');
      await search.press('Enter');
      await page.getByRole('button', { name: 'Projector cable guide' }).click();
      await expect
        .poll(() => page.getByLabel('Reply', { exact: true }).inputValue())
        .toBe(`See: Projector cable guide: ${runtime.baseUrl}/help/articles/${articleId}`);
      expect(await accessibilityProblems(page)).toEqual([]);
    });

    it('creates a draft article from a ticket: subject and resolving reply, preview, history', async () => {
      const ticket = await openTicket('Projector flickers after standby');
      const reply = await call(`${runtime.api}/tickets/${ticket.id}/messages`, {
        method: 'POST',
        token: tokens.agent,
        body: { body: 'Switch the input to **HDMI 2** and back.' },
      });
      expect(reply.status).toBe(201);
      await call(`${runtime.api}/tickets/${ticket.id}/messages`, {
        method: 'POST',
        token: tokens.agent,
        body: { body: 'Internal: customer was rude', internal: true },
      });
      const page = await signInAgent();
      await visit(page, ticket);
      await page.getByRole('link', { name: 'Create article from this ticket' }).click();
      const title = page.getByLabel('Title', { exact: true });
      await expect.poll(() => title.inputValue()).toBe('Projector flickers after standby');
      expect(await page.getByLabel('Text (Markdown)').inputValue()).toBe(
        'Switch the input to **HDMI 2** and back.',
      );
      // Agents draft: publishing is offered to leads and admins only.
      expect(await page.locator('#kb-status option[value="published"]').isDisabled()).toBe(true);

      await page.getByRole('button', { name: 'Preview' }).click();
      await page.locator('.kb-article strong').filter({ hasText: 'HDMI 2' }).waitFor();
      expect(await accessibilityProblems(page)).toEqual([]);

      await page.getByRole('button', { name: 'Save' }).click();
      await page
        .getByRole('heading', { level: 1, name: 'Edit “Projector flickers after standby”' })
        .waitFor();
      await page.getByText('Version 1: created by Agnes Agent (Draft)').waitFor();
      const listed = await call(`${runtime.api}/kb/articles?status=draft`, { token: tokens.lead });
      expect(
        listed.body.items.filter(
          (item: { title: string }) => item.title === 'Projector flickers after standby',
        ),
      ).toHaveLength(1);
      expect(await accessibilityProblems(page)).toEqual([]);

      // Someone else saves meanwhile: the agent's save is a 412 that keeps the text and says who.
      const id = new URL(page.url()).pathname.split('/')[2] ?? '';
      const changed = await call(`${runtime.api}/kb/articles/${id}`, {
        method: 'PATCH',
        token: tokens.lead,
        body: { body: 'Unplug the projector for 10 seconds.' },
        headers: { 'if-match': '"1"' },
      });
      expect(changed.status).toBe(200);
      await page.getByLabel('Text (Markdown)').fill('Switch to HDMI 2, then back to HDMI 1.');
      await page.getByRole('button', { name: 'Save' }).click();
      await page.getByText('Liis Lead saved this article meanwhile (now version 2).').waitFor();
      expect(await page.getByLabel('Text (Markdown)').inputValue()).toBe(
        'Switch to HDMI 2, then back to HDMI 1.',
      );
      await page.getByRole('button', { name: 'Save' }).click();
      await page.getByText('Version 3: changed by Agnes Agent (Draft)').waitFor();
    });

    it('saves the queue’s filters and order as a view and opens it again', async () => {
      const page = await signInAgent();
      await page.goto(`${runtime.baseUrl}/queue`);
      await page.getByRole('heading', { level: 1, name: 'Queue' }).waitFor();
      await page.getByLabel('Priority').selectOption('urgent');
      await page.getByLabel('Order').selectOption('-createdAt');
      await expect.poll(() => new URL(page.url()).search).toBe('?priority=urgent&sort=-createdAt');

      await page.getByRole('button', { name: 'Save as view…' }).click();
      await page.getByLabel('Name of the view').fill('Urgent, newest first');
      await page.getByRole('button', { name: 'Save view' }).click();
      await page.getByText('View “Urgent, newest first” saved.').waitFor();
      expect(await accessibilityProblems(page)).toEqual([]);

      await page.goto(`${runtime.baseUrl}/queue`);
      await page.getByLabel('Saved view').waitFor();
      await expect.poll(() => page.locator('#saved-view option').count()).toBe(2);
      await page.getByLabel('Saved view').selectOption({ label: 'Urgent, newest first (mine)' });
      await expect.poll(() => page.getByLabel('Priority').inputValue()).toBe('urgent');
      expect(await page.getByLabel('Order').inputValue()).toBe('-createdAt');
      expect(new URL(page.url()).searchParams.get('sort')).toBe('-createdAt');
    });
  },
);
