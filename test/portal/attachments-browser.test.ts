import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensurePortalBuilt } from '../../scripts/portal-build.js';
import { pngBytes } from '../attachments/fixtures.js';
import { browserSuiteRuns, launchChromium, signInAs } from '../support/chromium.js';
import { call, type DemoLogin, startTestRuntime, type TestRuntime } from '../support/runtime.js';

/**
 * Attachments in a real browser (Debian's Chromium through playwright-core): a client pastes a
 * screenshot into a new ticket, the browser uploads it to the local S3 server with its presigned
 * URL, and an agent sees its thumbnail in the conversation and downloads the same bytes.
 */
const browserRuns = browserSuiteRuns('ATTACHMENT');

describe.skipIf(!browserRuns)('attachments in Chromium', { timeout: 90_000 }, () => {
  let runtime: TestRuntime;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  /** Drops files on a box, as a browser does when files are dragged from the desktop. */
  const dropFiles = (page: Page, label: string, files: { name: string; type: string; size: number }[]) =>
    page.getByLabel(label, { exact: true }).evaluate((box, list) => {
      const data = new DataTransfer();
      for (const file of list)
        data.items.add(new File([new Uint8Array(file.size).fill(65)], file.name, { type: file.type }));
      box.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
    }, files);

  const seriousAccessibilityProblems = async (page: Page) =>
    (await new AxeBuilder({ page }).analyze()).violations
      .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
      .map(
        (violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
      );

  const signIn = (email: DemoLogin) =>
    signInAs(browser, contexts, runtime.baseUrl, email, {
      locale: 'en-US',
      viewport: { width: 1200, height: 900 },
    });

  beforeAll(async () => {
    mkdirSync(tmpdir(), { recursive: true });
    await ensurePortalBuilt();
    runtime = await startTestRuntime({ stream: false });
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => {});
    await browser?.close();
    await runtime?.stop();
  });

  it('lets a client paste a screenshot into a new ticket, and the agent see its thumbnail and download it', async () => {
    const client = await signIn('client@acme.example');
    await client.goto(`${runtime.baseUrl}/tickets/new`);
    await client.getByLabel('Subject', { exact: true }).fill('The login page is blank');
    const description = client.getByLabel('Description', { exact: true });
    await description.fill('See the screenshot.');
    // What the clipboard holds after a screenshot: one image/png file, pasted into the text.
    await description.evaluate((box, base64) => {
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      const data = new DataTransfer();
      data.items.add(new File([bytes], 'image.png', { type: 'image/png' }));
      box.dispatchEvent(
        new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }),
      );
    }, pngBytes.toString('base64'));
    await client.getByText(/^screenshot-.*\.png \(\d+ B\)$/).waitFor();
    await client.getByRole('button', { name: 'Create ticket' }).click();
    await client.getByRole('heading', { level: 1 }).filter({ hasText: /HD-/ }).waitFor();
    const ticketId = client.url().split('/').pop() ?? '';
    const messages: string[] = [];
    client.on('console', (message) => messages.push(message.text()));
    client.on('requestfailed', (request) =>
      messages.push(`failed ${request.url()} ${request.failure()?.errorText}`),
    );
    await client
      .locator('img.attachment-thumb')
      .waitFor({ timeout: 15_000 })
      .catch(async (error: Error) => {
        const listed = await call(`${runtime.api}/tickets/${ticketId}/attachments`, {
          token: await runtime.token('agent@helpdesk.example'),
        });
        throw new Error(
          `${error.message}\n${JSON.stringify(listed.body)}\n${messages.join('\n')}\n${await client.locator('main').innerText()}`,
        );
      });

    const listed = await call(`${runtime.api}/tickets/${ticketId}/attachments`, {
      token: await runtime.token('agent@helpdesk.example'),
    });
    expect(listed.body.items).toEqual([
      expect.objectContaining({ contentType: 'image/png', size: pngBytes.length, status: 'available' }),
    ]);

    const agent = await signIn('agent@helpdesk.example');
    await agent.goto(`${runtime.baseUrl}/tickets/${ticketId}`);
    const thumbnail = agent.locator('img.attachment-thumb');
    await thumbnail.waitFor();
    await expect.poll(() => thumbnail.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(1);
    const source = await thumbnail.getAttribute('src');
    const downloaded = await agent.request.get(source ?? '');
    expect(downloaded.status()).toBe(200);
    expect(Buffer.from(await downloaded.body()).equals(pngBytes)).toBe(true);
  });

  it('shows a dropped file too large or of a type not allowed at the file, creates nothing until it is removed, then sends the rest', async () => {
    const client = await signIn('client@acme.example');
    const token = await runtime.token('client@acme.example');
    await client.goto(`${runtime.baseUrl}/tickets/new`);
    await client.getByLabel('Subject', { exact: true }).fill('Installer crashes');
    await client.getByLabel('Description', { exact: true }).fill('The log and the installer are attached.');
    await dropFiles(client, 'Description', [
      { name: 'setup.exe', type: 'application/x-msdownload', size: 64 },
      { name: 'huge.zip', type: 'application/zip', size: 25 * 1024 * 1024 + 1 },
      { name: 'install.log', type: '', size: 14 },
    ]);
    const form = client.locator('form');
    await form.getByRole('alert').filter({ hasText: 'Files like setup.exe cannot be attached.' }).waitFor();
    await form.getByRole('alert').filter({ hasText: 'huge.zip is larger than 25 MB.' }).waitFor();
    await client.getByText('install.log (14 B)').waitFor();
    expect(await seriousAccessibilityProblems(client)).toEqual([]);

    // Sending is refused at the form: no ticket is opened while those files are listed.
    await client.getByRole('button', { name: 'Create ticket' }).click();
    await client
      .getByText('Remove the files that cannot be attached (marked below), then send again.')
      .waitFor();
    expect(new URL(client.url()).pathname).toBe('/tickets/new');
    const meanwhile = await call(`${runtime.api}/tickets?limit=100`, { token });
    expect(meanwhile.body.items.map((ticket: { subject: string }) => ticket.subject)).not.toContain(
      'Installer crashes',
    );

    await client.getByRole('button', { name: 'Remove setup.exe' }).click();
    await client.getByRole('button', { name: 'Remove huge.zip' }).click();
    expect(
      await form
        .getByRole('alert')
        .filter({ hasText: /setup\.exe|huge\.zip/ })
        .count(),
    ).toBe(0);
    await client.getByRole('button', { name: 'Create ticket' }).click();
    await client.getByRole('heading', { level: 1 }).filter({ hasText: /HD-/ }).waitFor();
    const ticketId = client.url().split('/').pop() ?? '';
    await client.getByRole('button', { name: 'Download install.log (14 B)' }).waitFor({ timeout: 15_000 });
    const listed = await call(`${runtime.api}/tickets/${ticketId}/attachments`, { token });
    expect(
      listed.body.items.map((file: { fileName: string; status: string }) => [file.fileName, file.status]),
    ).toEqual([['install.log', 'available']]);
  });
});
