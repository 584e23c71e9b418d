import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where the portal lives and where `vite build` puts it. */
export const portalRoot = fileURLToPath(new URL('../portal/', import.meta.url));
export const portalDist = join(portalRoot, 'dist');

const newestChange = (path: string): number => {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((newest, entry) => Math.max(newest, newestChange(join(path, entry))), 0);
};

const sharedTypes = fileURLToPath(new URL('../shared/tickets/', import.meta.url));

/** True when portal/dist is missing or older than any source it is built from. */
export const portalIsStale = (): boolean => {
  let built: number;
  try {
    built = statSync(join(portalDist, 'index.html')).mtimeMs;
  } catch {
    return true;
  }
  const sources = [
    join(portalRoot, 'src'),
    join(portalRoot, 'index.html'),
    join(portalRoot, 'vite.config.ts'),
    sharedTypes,
  ];
  return sources.some((source) => newestChange(source) > built);
};

/** Builds the portal (vite build) unless portal/dist is up to date; returns whether it built. */
export const ensurePortalBuilt = async (): Promise<boolean> => {
  if (!portalIsStale()) return false;
  const { build } = await import('vite');
  await build({ configFile: join(portalRoot, 'vite.config.ts'), logLevel: 'warn' });
  return true;
};
