import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { ensurePortalBuilt, portalDist } from '../scripts/portal-build.js';

/** The budget for what the browser must load before the first screen. */
export const PORTAL_BUDGET_GZIP = 150 * 1024;

export interface PortalBundleSize {
  files: { file: string; bytes: number; gzip: number }[];
  bytes: number;
  gzip: number;
  budget: number;
  withinBudget: boolean;
}

/**
 * The initial bundle: index.html plus every script, module preload and stylesheet it
 * references (lazy chunks such as the non-English locales are not counted), gzip-compressed
 * at the default level as a CDN would serve them. Builds the portal first when it is stale.
 */
export const portalBundleSize = async (): Promise<PortalBundleSize> => {
  await ensurePortalBuilt();
  const html = readFileSync(join(portalDist, 'index.html'), 'utf8');
  const referenced = [...html.matchAll(/<(?:script|link)\b[^>]*?(?:src|href)="(\/[^"]+)"[^>]*>/g)]
    .filter((match) => /type="module"|rel="(?:modulepreload|stylesheet)"/.test(match[0]))
    .map((match) => match[1] ?? '');
  const files = ['/index.html', ...new Set(referenced)].map((file) => {
    const content = readFileSync(join(portalDist, file));
    return { file, bytes: content.length, gzip: gzipSync(content).length };
  });
  const gzip = files.reduce((sum, file) => sum + file.gzip, 0);
  return {
    files,
    bytes: files.reduce((sum, file) => sum + file.bytes, 0),
    gzip,
    budget: PORTAL_BUDGET_GZIP,
    withinBudget: gzip <= PORTAL_BUDGET_GZIP,
  };
};

const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const size = await portalBundleSize();
  for (const file of size.files)
    console.log(
      `${file.file.padEnd(40)} ${kib(file.bytes).padStart(10)} ${kib(file.gzip).padStart(10)} gzip`,
    );
  console.log(
    `initial bundle: ${kib(size.gzip)} gzip (budget ${kib(size.budget)}) ${size.withinBudget ? 'OK' : 'OVER BUDGET'}`,
  );
  if (!size.withinBudget) process.exitCode = 1;
}
