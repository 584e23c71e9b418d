import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensurePortalBuilt } from '../../scripts/portal-build.js';
import { browserSuiteRuns, launchChromium, signInAs } from '../support/chromium.js';
import { call, startTestRuntime, type TestRuntime } from '../support/runtime.js';

/**
 * The admin's mail-templates page in a real browser (docs/mail-templates.md): an admin edits a
 * template with the keyboard and sees the live preview change, in another language too, saves
 * it, and a template with an unknown placeholder is explained; axe finds no serious issue.
 */
const browserRuns = browserSuiteRuns('MAIL TEMPLATES');

describe.skipIf(!browserRuns)('mail templates in Chromium', { timeout: 120_000 }, () => {
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

  it('an admin edits a template, sees the preview, saves it, and resets it to the built-in text', async () => {
    const page = await signInAs(browser, contexts, runtime.baseUrl, 'admin@helpdesk.example', {
      locale: 'en-US',
      timezoneId: 'Europe/Berlin',
      viewport: { width: 1200, height: 900 },
    });
    // The page is one of the admin console's (portal/src/features/admin/pages.ts).
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Administration' })
      .click();
    await page
      .getByRole('navigation', { name: 'Administration pages' })
      .getByRole('link', { name: 'Mail templates' })
      .click();
    await page.getByRole('heading', { name: 'Mail templates', level: 1 }).waitFor();
    const preview = page.getByRole('region', { name: /Preview/ });
    // The built-in acknowledgement first.
    await expect
      .poll(() => preview.getByTestId('preview-subject').textContent())
      .toBe('[HD-2026-000042] We have received your request: The printer on floor 2 does not print');
    expect(await accessibilityProblems(page)).toEqual([]);

    // Keyboard: the subject and text typed, the preview follows.
    await page.getByLabel('Subject').focus();
    await page.keyboard.type('Thanks, {{recipientName}}');
    await page.getByLabel('Text').focus();
    await page.keyboard.type('We logged {{reference}} for you.');
    await expect
      .poll(() => preview.getByTestId('preview-subject').textContent())
      .toBe('[HD-2026-000042] Thanks, Anna Schmidt');
    expect(await preview.getByTestId('preview-text').textContent()).toContain(
      'We logged HD-2026-000042 for you.',
    );

    // An unknown placeholder is explained, naming it.
    await page.getByLabel('Text').fill('Your agent {{agentName}}');
    await expect.poll(() => preview.getByRole('alert').textContent()).toContain('{{agentName}}');
    await page.getByLabel('Text').fill('We logged {{reference}} for you.');
    await preview.getByTestId('preview-text').waitFor();

    await page.getByRole('button', { name: 'Save' }).press('Enter');
    await page.getByText('Customised template').waitFor();
    const admin = await runtime.token('admin@helpdesk.example');
    const listed = await call(`${runtime.api}/mail-templates`, { token: admin });
    expect(
      listed.body.templates.find(
        (t: { kind: string; language: string }) => t.kind === 'acknowledgement' && t.language === 'en',
      ),
    ).toMatchObject({ customised: true, subject: 'Thanks, {{recipientName}}', version: 1 });

    // Another language: the built-in German text, previewed in German.
    await page.getByRole('group', { name: 'Language' }).getByLabel('Deutsch').check();
    await expect
      .poll(() => preview.getByTestId('preview-subject').textContent())
      .toContain('Wir haben Ihre Anfrage erhalten');
    expect(await accessibilityProblems(page)).toEqual([]);

    // Back to English: the customised template resets to the built-in text after a confirmation.
    await page.getByRole('group', { name: 'Language' }).getByLabel('English').check();
    const asked: string[] = [];
    page.once('dialog', (dialog) => {
      asked.push(dialog.message());
      void dialog.accept();
    });
    await page.getByRole('button', { name: 'Reset to built-in' }).click();
    await page.getByText('Built-in text (no template saved yet)').waitFor();
    expect(asked).toEqual([
      'Reset the acknowledgement template in English to the built-in text? The text saved now is discarded.',
    ]);
    await expect
      .poll(() => preview.getByTestId('preview-subject').textContent())
      .toBe('[HD-2026-000042] We have received your request: The printer on floor 2 does not print');
    const reset = await call(`${runtime.api}/mail-templates`, { token: admin });
    expect(
      reset.body.templates.find(
        (t: { kind: string; language: string }) => t.kind === 'acknowledgement' && t.language === 'en',
      ),
    ).toMatchObject({ customised: false, subject: null, version: 2 });
  });
});
