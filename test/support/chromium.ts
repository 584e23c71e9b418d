import { existsSync } from 'node:fs';
import {
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  chromium,
  type Page,
} from 'playwright-core';
import type { DemoLogin } from './runtime.js';

/**
 * The browser suites' Chromium: Debian's package through playwright-core (Playwright's own
 * download does not work on these machines).
 */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Whether a browser suite runs: Chromium is installed, or this is CI, where its absence must
 * fail the suite rather than skip it. A skipped suite says so loudly.
 */
export const browserSuiteRuns = (suite: string): boolean => {
  if (existsSync(CHROMIUM) || process.env.CI === 'true') return true;
  console.warn(
    `\n${'!'.repeat(78)}\n!! ${suite} BROWSER TESTS SKIPPED: no Chromium at ${CHROMIUM}.\n` +
      `!! Install it with: apt-get install -y chromium   (in CI these tests run and must pass)\n${'!'.repeat(78)}\n`,
  );
  return false;
};

const launchArgs = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-sync'];

export const launchChromium = (extraArgs: readonly string[] = []): Promise<Browser> =>
  chromium.launch({ executablePath: CHROMIUM, headless: true, args: [...launchArgs, ...extraArgs] });

/**
 * Signs a demo login in through the portal's form, in a browser context of its own (added to
 * `contexts`, for the suite to close), and resolves once the main navigation is there (folded
 * into the menu on a phone).
 */
export const signInAs = async (
  browser: Browser,
  contexts: BrowserContext[],
  baseUrl: string,
  email: DemoLogin,
  options: BrowserContextOptions,
): Promise<Page> => {
  const context = await browser.newContext(options);
  contexts.push(context);
  const page = await context.newPage();
  await page.goto(baseUrl);
  await page.getByLabel('Email', { exact: true }).fill(email);
  await page.getByLabel('Password', { exact: true }).fill('demo');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.locator('header nav').waitFor({ state: 'attached' });
  return page;
};
