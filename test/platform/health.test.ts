import { DeleteTableCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '#local/free-port.js';
import { startSlaScheduler } from '#local/sla-scheduler.js';
import { call, startTestRuntime, type TestRuntime } from '../support/runtime.js';

/** GET /health answers for its dependencies: the table, the SLA scheduler, mail. */
let rt: TestRuntime;
let scheduler: ReturnType<typeof startSlaScheduler> | undefined;

beforeAll(async () => {
  rt = await startTestRuntime({ seed: false });
});
afterAll(async () => {
  await scheduler?.stop();
  await rt.stop();
});

describe('GET /health', () => {
  it('is 200 ok and names each dependency when the table, the local scheduler and the SES emulator answer', async () => {
    scheduler = startSlaScheduler();
    const response = await call(`${rt.api}/health`);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      status: 'ok',
      checks: {
        table: { status: 'ok' },
        scheduler: { status: 'ok', kind: 'local' },
        mail: { status: 'ok', kind: 'ses-emulator' },
      },
    });
  });

  it('is 503 and says the scheduler is down when the local scheduler stopped', async () => {
    await scheduler?.stop();
    scheduler = undefined;
    const response = await call(`${rt.api}/health`);
    expect(response.status).toBe(503);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(response.body).toMatchObject({ status: 503, detail: 'Down: scheduler' });
    expect(response.body.checks.scheduler).toMatchObject({ status: 'down', kind: 'local' });
    expect(response.body.checks.table).toEqual({ status: 'ok' });
  });

  it('is 503 and says mail is down when the SES emulator cannot be reached', async () => {
    // Prepare: the same product, its mail endpoint a port nobody listens on
    scheduler = startSlaScheduler();
    await rt.stop();
    rt = await startTestRuntime({ seed: false, sesEndpoint: `http://127.0.0.1:${await freePort()}` });

    // Act
    const response = await call(`${rt.api}/health`);

    // Assess
    expect(response.status).toBe(503);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(response.body.detail).toBe('Down: mail');
    expect(response.body.checks.mail.status).toBe('down');
    expect(response.body.checks.table).toEqual({ status: 'ok' });
    await rt.stop();
    rt = await startTestRuntime({ seed: false });
  });

  it('is 503 and says the table is down when the table cannot be reached, within 5 s', async () => {
    await rt.db.send(new DeleteTableCommand({ TableName: rt.tableName }));
    const asked = Date.now();
    const response = await call(`${rt.api}/health`);
    expect(Date.now() - asked).toBeLessThan(5000);
    expect(response.status).toBe(503);
    expect(response.body.detail).toBe('Down: table');
    expect(response.body.checks.table.status).toBe('down');
    expect(response.body.checks.scheduler.status).toBe('ok');
  });
});
