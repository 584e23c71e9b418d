import type { AddressInfo } from 'node:net';
import sesModule from 'aws-ses-v2-local';

/** The SES emulator, in-process: captures every mail; viewer at `/`, JSON at `GET /store`. */
export const startSesEmulator = async (options: { port: number; host?: string }) => {
  // CommonJS interop differs between loaders (tsx, vite, esbuild): accept both shapes.
  const start = (typeof sesModule === 'function' ? sesModule : sesModule.default) as typeof sesModule.default;
  const server = await start({ port: options.port, host: options.host ?? '127.0.0.1' });
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
};
