import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createConnection } from 'node:net';
import { join, resolve } from 'node:path';
import nodemailer from 'nodemailer';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '#local/free-port.js';

/** `npm start` as a newcomer runs it: ready within 30 s, data kept across a restart, Ctrl-C or SIGTERM to its process group stops everything within 10 s. */
const root = resolve(import.meta.dirname, '../..');
const dataDir = mkdtempSync(join(root, '.tmp-start-'));

const ports = { api: 0, dynamo: 0, ses: 0, s3: 0, smtp: 0 };
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
      S3_PORT: String(ports.s3),
      SMTP_PORT: String(ports.smtp),
      DATA_DIR: dataDir,
      TABLE_NAME: 'helpdesk-start-test',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group, as a terminal runs it: Ctrl-C signals the whole group.
    detached: true,
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

/** The processes still in the group `npm start` leads (itself, DynamoDB Local, the SES emulator). */
const groupMembers = (leader: number) =>
  execFileSync('ps', ['-eo', 'pgid=,pid=,args='], { encoding: 'utf8' })
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .filter(([pgid]) => Number(pgid) === leader);

/**
 * Sends the signal to the whole process group, as a terminal does for Ctrl-C (every child gets
 * it too); resolves with the exit code and how long until no process of the group was left.
 */
const stopGroup = async (child: ChildProcess, signal: 'SIGINT' | 'SIGTERM') => {
  const leader = child.pid ?? 0;
  const exited = new Promise<number | null>((done) => {
    if (child.exitCode !== null) done(child.exitCode);
    else child.once('exit', (code) => done(code));
  });
  const sent = Date.now();
  process.kill(-leader, signal);
  // Health asked all through the stop: the server closes before its dependencies, so it never
  // answers that one is down (a 503) while it stops; it answers 200 or not at all.
  const answers: number[] = [];
  const watching = (async () => {
    for (;;) {
      const status = await fetch(`http://127.0.0.1:${ports.api}/api/v1/health`)
        .then((response) => response.status)
        .catch(() => null);
      if (status === null || Date.now() - sent > 15_000) return;
      answers.push(status);
      await new Promise((done) => setTimeout(done, 20));
    }
  })();
  const code = await Promise.race([
    exited,
    new Promise<'hung'>((done) => setTimeout(() => done('hung'), 15_000)),
  ]);
  while (groupMembers(leader).length && Date.now() - sent < 15_000)
    await new Promise((done) => setTimeout(done, 100));
  await watching;
  return { code, ms: Date.now() - sent, left: groupMembers(leader), answers };
};

const apiAnswers = () =>
  fetch(`http://127.0.0.1:${ports.api}/api/v1/health`)
    .then(() => true)
    .catch(() => false);

const smtpAnswers = () =>
  new Promise<boolean>((done) => {
    const socket = createConnection({ port: ports.smtp, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.destroy();
      done(true);
    });
    socket.once('error', () => done(false));
  });

const javaOnPort = (port: number) => {
  const list = execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' });
  return list.split('\n').some((line) => line.includes('DynamoDBLocal') && line.includes(`-port ${port}`));
};

afterAll(() => {
  if (running?.pid && groupMembers(running.pid).length) process.kill(-running.pid, 'SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

describe('npm start', () => {
  it('is ready within 30 s, prints the logins, keeps data across a restart and stops every child within 10 s on Ctrl-C and on SIGTERM', async () => {
    ports.api = await freePort();
    ports.dynamo = await freePort();
    ports.ses = await freePort();
    ports.s3 = await freePort();
    ports.smtp = await freePort();
    const first = await start();
    expect(first.readyMs).toBeLessThan(30_000);
    expect(first.output()).toContain('client@acme.example');
    expect(first.output()).toMatch(/client id demo-integrator\s+client secret \S+/);
    expect(first.output()).toContain(`http://127.0.0.1:${ports.ses}/`);
    expect(first.output()).toContain(`S3 (local)      http://127.0.0.1:${ports.s3}`);
    expect(first.output()).toContain(`SMTP (mail in)  smtp://127.0.0.1:${ports.smtp}`);
    // A fresh table gets the demo history for Reports, written in the background (docs/reports.md).
    await expect
      .poll(() => first.output(), { timeout: 5_000 })
      .toContain('Writing the demo history for Reports (2000 tickets over 90 days)');

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

    // A file goes to the local S3 server with the presigned URL, as a browser sends it.
    const bytes = Buffer.from('2026-12-02 ERROR the printer is on fire\n');
    const slotAnswer = await fetch(`${api}/tickets/${ticket.id}/attachments`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ fileName: 'printer.log', contentType: 'text/plain', size: bytes.length }),
    });
    const slot = (await slotAnswer.json()) as {
      id: string;
      upload: { url: string; headers: Record<string, string> };
    };
    expect(slot.upload.url.startsWith(`http://127.0.0.1:${ports.s3}/`)).toBe(true);
    const put = await fetch(slot.upload.url, { method: 'PUT', headers: slot.upload.headers, body: bytes });
    expect(put.status).toBe(200);
    const attachment = `${api}/tickets/${ticket.id}/attachments/${slot.id}`;
    const verified = async () => {
      for (const started = Date.now(); Date.now() - started < 30_000; ) {
        const answer = await fetch(attachment, { headers: { authorization: `Bearer ${token}` } });
        if (answer.status === 200) return ((await answer.json()) as { downloadUrl: string }).downloadUrl;
        await new Promise((done) => setTimeout(done, 100));
      }
      throw new Error('the upload was not verified within 30 s');
    };
    await verified();

    // A mail to the printed SMTP address becomes a ticket of its sender.
    const transport = nodemailer.createTransport({ host: '127.0.0.1', port: ports.smtp, ignoreTLS: true });
    await transport.sendMail({
      from: 'client@acme.example',
      to: 'support@helpdesk.example',
      subject: 'Mailed in from the laptop',
      text: 'Sent to port 2525 as the README shows.',
    });
    transport.close();
    const mailed = async () => {
      for (const started = Date.now(); Date.now() - started < 30_000; ) {
        const list = await fetch(`${api}/tickets?q=${encodeURIComponent('Mailed in')}`, {
          headers: { authorization: `Bearer ${token}` },
        });
        const items = ((await list.json()) as { items: { channel: string }[] }).items;
        if (items.length) return items;
        await new Promise((done) => setTimeout(done, 100));
      }
      throw new Error('the mail did not become a ticket (and found by search) within 30 s');
    };
    expect((await mailed()).map((item) => item.channel)).toEqual(['email']);

    // Ctrl-C: the server, DynamoDB Local and the SES emulator all gone within 10 s.
    const interrupted = await stopGroup(first.child, 'SIGINT');
    expect(interrupted.code).toBe(0);
    expect(interrupted.left).toEqual([]);
    expect(interrupted.ms).toBeLessThan(10_000);
    expect(interrupted.answers.filter((status) => status !== 200)).toEqual([]);
    expect(await apiAnswers()).toBe(false);
    expect(await smtpAnswers()).toBe(false);
    expect(javaOnPort(ports.dynamo)).toBe(false);

    const second = await start();
    expect(second.output()).toContain('demo data kept');
    // The token from before the restart is still valid, and so is the ticket.
    const again = await fetch(`${api}/tickets/${ticket.id}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(again.status).toBe(200);
    // The file too: its bytes were kept in the data folder.
    const kept = await fetch(await verified());
    expect(Buffer.from(await kept.arrayBuffer()).equals(bytes)).toBe(true);
    // The table has its history: the second start writes none.
    expect(second.output()).not.toContain('Writing the demo history');
    // SIGTERM to the group (a process manager stopping it): the same.
    const terminated = await stopGroup(second.child, 'SIGTERM');
    expect(terminated.code).toBe(0);
    expect(terminated.left).toEqual([]);
    expect(terminated.ms).toBeLessThan(10_000);
    expect(terminated.answers.filter((status) => status !== 200)).toEqual([]);
    expect(await apiAnswers()).toBe(false);
    expect(javaOnPort(ports.dynamo)).toBe(false);
  }, 150_000);
});
