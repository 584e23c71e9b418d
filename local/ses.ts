import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { stopChild } from './stop-child.js';

const require = createRequire(import.meta.url);
const cli = require.resolve('aws-ses-v2-local/dist/cli.js');

/**
 * The SES emulator (`aws-ses-v2-local`) in its own process, as SES is a service of its own:
 * parsing and storing mail never competes with the API for its event loop. Captures every
 * mail; viewer at `/`, JSON at `GET /store`.
 */
export const startSesEmulator = async (options: { port: number; host?: string }) => {
  const host = options.host ?? '127.0.0.1';
  const child = spawn(process.execPath, [cli, '--host', host, '--port', String(options.port)], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const killChild = () => child.kill('SIGKILL');
  process.once('exit', killChild);
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`The SES emulator did not start within 15 s:\n${output}`)),
      15_000,
    );
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /server running at (http:\/\/[^\s]+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1].replace(/\/$/, '').replace('://localhost', '://127.0.0.1'));
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`The SES emulator exited with ${code}:\n${output}`));
    });
  });
  child.stdout?.resume();
  return {
    url,
    stop: async () => {
      await stopChild(child, 2000);
      process.removeListener('exit', killChild);
    },
  };
};
