import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/**
 * The portal is a plain Vite SPA. JSX goes through Vite's built-in Oxc transform with Preact's
 * automatic runtime, so no framework plugin is needed. In `vite dev` the API and the runtime
 * `/config.json` are proxied to the local server (`npm start`, port 3000 or PORTAL_API).
 */
const api = process.env.PORTAL_API ?? 'http://localhost:3000';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    reportCompressedSize: false,
  },
  server: {
    proxy: { '/api': api, '/config.json': api },
  },
});
