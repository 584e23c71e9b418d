import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '#local/free-port.js';

/** `npm start` as a newcomer runs it: ready within 30 s, data kept across a restart, Ctrl-C stops everything. */
const root = resolve(import.meta.dirname, '../..');
const dataDir = mkdtempSync(join(root, '.tmp-start-'));

const ports = { api: 0, dynamo: 0, ses: 0 };
let running: ChildProcess | undefined;

const start = async (): Promise<{ child: ChildProcess; output: () => string; readyMs: number }> => {
  const started = Date.now();
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(ports.api),
      DYNAMODB_PORT: String(ports.dynamo),
      SES_PORT: String(ports.ses),
      DATA_DIR: dataDir,
      TABLE_NAME: 'helpdesk-start-test',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running = child;
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  for (;;) {
    if (child.exitCode !== null) throw new Error(`npm start exited early:\n${output}`);
    const healthy = await fetch(`http://127.0.0.1:${ports.api}/api/v1/health`)
      .then((response) => response.ok)
      .catch(() => false);
    if (healthy && output.includes('Press Ctrl-C')) break;
    if (Date.now() - started > 60_000) throw new Error(`not healthy after 60 s:\n${output}`);
    await new Promise((done) => setTimeout(done, 200));
  }
  return { child, output: () => output, readyMs: Date.now() - started };
};

const interrupt = (child: ChildProcess) =>
  new Promise<number | null>((done) => {
    child.once('exit', (code) => done(code));
    child.kill('SIGINT');
  });

const javaOnPort = (port: number) => {
  const list = execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' });
  return list.split('\n').some((line) => line.includes('DynamoDBLocal') && line.includes(`-port ${port}`));
};

afterAll(() => {
  if (running && running.exitCode === null) running.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

describe('npm start', () => {
  it('is ready within 30 s, prints the logins, keeps data across a restart and stops every child on Ctrl-C', async () => {
    ports.api = await freePort();
    ports.dynamo = await freePort();
    ports.ses = await freePort();
    const first = await start();
    expect(first.readyMs).toBeLessThan(30_000);
    expect(first.output()).toContain('client@acme.example');
    expect(first.output()).toContain(`http://127.0.0.1:${ports.ses}/`);

    const api = `http://127.0.0.1:${ports.api}/api/v1`;
    const login = await fetch(`${api}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'client@acme.example', password: 'demo' }),
    });
    const { token } = (await login.json()) as { token: string };
    const created = await fetch(`${api}/tickets`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ subject: 'Survives a restart', description: 'Kept in .data' }),
    });
    const ticket = (await created.json()) as { id: string };
    expect(created.status).toBe(201);

    expect(await interrupt(first.child)).toBe(0);
    expect(javaOnPort(ports.dynamo)).toBe(false);

    const second = await start();
    expect(second.output()).toContain('demo data kept');
    // The token from before the restart is still valid, and so is the ticket.
    const again = await fetch(`${api}/tickets/${ticket.id}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(again.status).toBe(200);
    expect(await interrupt(second.child)).toBe(0);
    expect(javaOnPort(ports.dynamo)).toBe(false);
  }, 150_000);
});
