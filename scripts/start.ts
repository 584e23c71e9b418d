/**
 * `npm start`: the whole product on one machine, no cloud account. DynamoDB Local (Java,
 * data under .data/), the SES emulator, the API on the same handler modules as the Lambda
 * functions, the portal, and the demo data (seeded once).
 */
import '#local/process-defaults.js';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { startLocalAttachmentStorage } from '#local/attachments.js';
import { startDynamoDbLocal } from '#local/dynamodb.js';
import { LOCAL_INBOUND_ADDRESS } from '#local/environment.js';
import { startLocalExtensions } from '#local/extensions.js';
import { createLocalServer } from '#local/gateway/server.js';
import { newLocalSecrets, openDemoHistory, openDemoTickets, prepareLocalTable } from '#local/prepare.js';
import { demoUsers } from '#local/seed.js';
import { startSesEmulator } from '#local/ses.js';
import { startSmtpServer } from '#local/smtp.js';
import { DEMO_INTEGRATOR_ID, demoIntegratorSecret } from '#local/tokens.js';
import { portalDist, portalIsStale, portalRoot } from './portal-build.js';

const root = resolve(import.meta.dirname, '..');
const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? '127.0.0.1';
const dynamoPort = Number(process.env.DYNAMODB_PORT ?? 8000);
const sesPort = Number(process.env.SES_PORT ?? 8005);
const s3Port = Number(process.env.S3_PORT ?? 4569);
const smtpPort = Number(process.env.SMTP_PORT ?? 2525);
const dataDir = resolve(root, process.env.DATA_DIR ?? '.data');
const tableName = process.env.TABLE_NAME ?? 'helpdesk';
const password = process.env.DEMO_PASSWORD ?? 'demo';

const started = Date.now();
mkdirSync(join(dataDir, 'dynamodb'), { recursive: true });

/** Secrets that must survive a restart (tokens and cursors stay valid). */
const secretsFile = join(dataDir, 'secrets.json');
const secrets: { jwtSecret: string; cursorSecret: string } = existsSync(secretsFile)
  ? JSON.parse(readFileSync(secretsFile, 'utf8'))
  : newLocalSecrets(32);
writeFileSync(secretsFile, JSON.stringify(secrets), { mode: 0o600 });

/** Builds the portal when its sources are newer than the build; resolves to the folder to serve. */
const buildPortalIfStale = async (): Promise<string | undefined> => {
  if (!existsSync(join(portalRoot, 'index.html'))) return undefined;
  if (portalIsStale()) {
    console.log('Building the portal…');
    const status = await new Promise<number | null>((done) => {
      const child = spawn('npm', ['run', '--silent', 'build:portal'], {
        cwd: root,
        stdio: ['ignore', 'ignore', 'inherit'],
      });
      child.once('exit', (code) => done(code));
      child.once('error', () => done(1));
    });
    if (status !== 0) console.warn('The portal build failed: serving the API and the landing page only.');
  }
  return existsSync(join(portalDist, 'index.html')) ? portalDist : undefined;
};

/**
 * What to stop, in order: first what answers requests (the server), then what writes (the
 * local scheduler), then the services they use (DynamoDB Local, the SES emulator) side by side.
 */
const stops = { server: [] as Stop[], background: [] as Stop[], services: [] as Stop[] };
type Stop = () => Promise<void>;
const STOP_WITHIN_MS = 10_000;
const stopAll = async () => {
  const settle = (list: Stop[]) => Promise.all(list.map((stop) => stop().catch(() => {})));
  await settle(stops.server);
  await settle(stops.background);
  await settle(stops.services);
};

const main = async () => {
  // The slow parts (the JVM, the portal build) run side by side.
  const portalBuild = buildPortalIfStale();
  const dynamoStart = startDynamoDbLocal({ port: dynamoPort, dataDir: join(dataDir, 'dynamodb') }).catch(
    (error: Error) => {
      throw new Error(
        `Could not start DynamoDB Local on port ${dynamoPort} (set DYNAMODB_PORT): ${error.message}`,
      );
    },
  );
  const ses = await startSesEmulator({ port: sesPort }).catch((error: Error) => {
    throw new Error(`Could not start the SES emulator on port ${sesPort} (set SES_PORT): ${error.message}`);
  });
  stops.services.push(ses.stop);
  const dynamo = await dynamoStart;
  stops.services.push(dynamo.stop);
  const publicUrl = `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`;
  // The browser uploads to it directly, as to S3 in the cloud: the portal's origin may.
  const s3 = await startLocalAttachmentStorage({
    port: s3Port,
    host: host === '0.0.0.0' ? '127.0.0.1' : host,
    directory: join(dataDir, 's3'),
    bucket: `${tableName}-attachments`,
    corsOrigins: [publicUrl, `http://localhost:${port}`],
  }).catch((error: Error) => {
    throw new Error(`Could not start the local S3 server on port ${s3Port} (set S3_PORT): ${error.message}`);
  });
  stops.services.push(async () => {
    await s3.settled();
    await s3.stop();
  });
  const {
    table: created,
    seeded,
    db,
  } = await prepareLocalTable(
    {
      tableName,
      dynamoEndpoint: dynamo.endpoint,
      sesEndpoint: ses.url,
      ...secrets,
      portalUrl: publicUrl,
      attachments: { s3Endpoint: s3.endpoint, bucket: `${tableName}-attachments` },
    },
    { password },
  );
  // The stream's consumers are positioned before the first request can write.
  const extensions = await startLocalExtensions({ dataDir, tableName });
  stops.background.push(...extensions.stops);
  const deadLetters = extensions.deadLetters();
  const portalDir = await portalBuild;
  const server = await createLocalServer({
    port,
    host,
    jwtSecret: secrets.jwtSecret,
    sesViewerUrl: ses.url,
    ...(portalDir ? { portalDir } : {}),
    // Load tests from one account (npm run bench, the side-by-side with osTicket) turn the
    // per-caller budgets off; everyone else gets the product's limits.
    ...(process.env.RATE_LIMITS === 'off' ? { rateLimits: 'off' as const } : {}),
  });
  stops.server.push(server.close);
  // Mail in, as SES receives it in the cloud: stored raw in the local bucket, then the same handler.
  const smtp = await startSmtpServer({
    port: smtpPort,
    host: host === '0.0.0.0' ? '127.0.0.1' : host,
    recipients: [LOCAL_INBOUND_ADDRESS],
    s3Endpoint: s3.endpoint,
    bucket: `${tableName}-attachments`,
  }).catch((error: Error) => {
    throw new Error(`Could not start the SMTP server on port ${smtpPort} (set SMTP_PORT): ${error.message}`);
  });
  stops.server.push(smtp.stop);

  console.log(`
Help desk is running (ready in ${((Date.now() - started) / 1000).toFixed(1)} s; table ${tableName} ${created}, demo data ${seeded ? 'seeded' : 'kept'})

  Portal          ${server.url}/
  API             ${server.url}/api/v1   (health: ${server.url}/api/v1/health)
  API reference   ${server.url}/docs
  Mail viewer     ${ses.url}/
  DynamoDB Local  ${dynamo.endpoint}   (data in ${dataDir})
  S3 (local)      ${s3.endpoint}   (attachments, files in ${join(dataDir, 's3')})
  SMTP (mail in)  ${smtp.url}   (mail to ${LOCAL_INBOUND_ADDRESS} becomes tickets; see README)
  Change stream   ${deadLetters} dead letter${deadLetters === 1 ? '' : 's'}${deadLetters ? ` (see ${join(dataDir, 'dead-letters.jsonl')})` : ''}

Demo logins (password "${password}"):
${demoUsers.map((user) => `  ${user.email.padEnd(26)} ${user.role}${user.orgId ? ` (${user.orgId})` : ''}`).join('\n')}

Demo integrator (POST ${server.url}/api/v1/auth/token, grant_type=client_credentials):
  client id ${DEMO_INTEGRATOR_ID}   client secret ${demoIntegratorSecret(secrets.jwtSecret)}

Press Ctrl-C to stop.`);

  // The demo tickets (first start only) go through the SLA engine and mail like any ticket: a few
  // seconds, so they open while the portal already serves. A stop meanwhile leaves the rest out.
  const stopOpening = new AbortController();
  const opening = openDemoTickets(db, tableName, stopOpening.signal).then(
    (count) => {
      if (count > 0 && !stopping)
        console.log(`Opened ${count} demo tickets (their mails are in the mail viewer).`);
    },
    (error: Error) => {
      if (!stopping) console.warn(`Could not open the demo tickets: ${error.message}`);
    },
  );
  stops.background.push(() => {
    stopOpening.abort();
    return opening;
  });

  // The demo history for Reports (docs/reports.md): on a fresh table only, unless DEMO_HISTORY=off;
  // written in the background (the aggregates first), so Reports fills while the portal serves.
  if (seeded && process.env.DEMO_HISTORY !== 'off') {
    const stopHistory = new AbortController();
    const tickets = Number(process.env.DEMO_HISTORY_TICKETS ?? 2000);
    const begun = Date.now();
    console.log(`Writing the demo history for Reports (${tickets} tickets over 90 days) in the background…`);
    const history = openDemoHistory(db, tableName, { tickets, signal: stopHistory.signal }).then(
      (count) => {
        if (count > 0 && !stopping)
          console.log(
            `Demo history ready: ${count} tickets over 90 days in ${((Date.now() - begun) / 1000).toFixed(0)} s (Reports: ${publicUrl}/reports).`,
          );
      },
      (error: Error) => {
        if (!stopping) console.warn(`Could not write the demo history: ${error.message}`);
      },
    );
    stops.background.push(() => {
      stopHistory.abort();
      return history;
    });
  }
};

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    console.log('\nStopping…');
    // Whatever hangs, the process and (through their exit hooks) its children end in time.
    setTimeout(() => {
      console.error(`Not stopped within ${STOP_WITHIN_MS / 1000} s: exiting anyway.`);
      process.exit(1);
    }, STOP_WITHIN_MS - 500).unref();
    stopAll().then(() => process.exit(0));
  });
}

main().catch(async (error: Error) => {
  console.error(error.message);
  await stopAll();
  process.exit(1);
});
