import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import type { Browser, BrowserContext } from 'playwright-core';
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
});
