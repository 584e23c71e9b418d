import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = resolve(import.meta.dirname, '..');
const loaded = new Map<string, Promise<unknown>>();

/**
 * A function's handler module (`functions/<capability>/<name>`, from the repository root), the
 * same module its Lambda function bundles, loaded once per process and shared by the local
 * runtime's gateway, stream poller and SLA scheduler.
 */
export const loadHandler = <H>(module: string): Promise<H> => {
  let loading = loaded.get(module);
  if (!loading) {
    // A computed file URL, not a template literal: bundlers would otherwise try to expand it.
    loading = import(pathToFileURL(join(root, `${module}.ts`)).href).then(
      (exports: { handler: unknown }) => exports.handler,
    );
    loaded.set(module, loading);
  }
  return loading as Promise<H>;
};
