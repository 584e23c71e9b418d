import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type Route, routeName } from '#functions/http/routes.js';
import { streamConsumers } from '#functions/stream/consumers.js';
import { cloudVariablesOf, type FunctionFamily } from '#functions/wiring/settings.js';
import { cloudRoutes } from '#infra/constructs/functions.js';
import { envNames, readSettings, TableSettings, variablesOf } from '#platform/config.js';
import { slaCheckKinds, slaFunctionModules } from '#sla/payload.js';
import { SchedulerSettings } from '#sla/settings.js';
import { cloudEnvironment } from '../support/cloud-environment.js';

const environmentOf = (family: FunctionFamily) => {
  const { required, optional } = cloudVariablesOf(family);
  return Object.fromEntries(
    [...required, ...optional].flatMap((name) =>
      cloudEnvironment[name] ? [[name, cloudEnvironment[name]]] : [],
    ),
  );
};

interface Entry {
  module: string;
  family: FunctionFamily;
}
const entries: Entry[] = [
  ...cloudRoutes().map((route: Route) => ({ module: `#${route.module}.js`, family: route.family })),
  ...slaCheckKinds.map((kind) => ({
    module: `#functions/sla/${slaFunctionModules[kind]}.js`,
    family: 'sla-timer' as const,
  })),
  { module: '#functions/identity/sync-profile.js', family: 'identity-trigger' },
  ...streamConsumers.map((consumer) => ({ module: `#${consumer.module}.js`, family: consumer.family })),
  // What the attachment bucket's events invoke (infra/constructs/attachments.ts).
  { module: '#functions/attachments/verify-upload.js', family: 'attachments' },
  { module: '#functions/attachments/scan-result.js', family: 'attachments' },
  // What SES's receipt rule invokes (infra/constructs/inbound-mail.ts).
  { module: '#functions/email/receive-mail.js', family: 'inbound-mail' },
];

const saved = { ...process.env };
const withOnly = (variables: Record<string, string>) => {
  const outside = Object.fromEntries(
    Object.entries(saved).filter(([name]) => !Object.values(envNames).includes(name as never)),
  );
  process.env = { ...outside, ...variables, AWS_REGION: 'eu-central-1' };
};

describe('function configuration', () => {
  beforeEach(() => {
    vi.resetModules();
  });
  afterEach(() => {
    process.env = { ...saved };
  });

  it('starts every cloud function with exactly the variables infra gives its family', async () => {
    expect(entries.length).toBe(cloudRoutes().length + slaCheckKinds.length + 1 + streamConsumers.length + 3);
    for (const entry of entries) {
      vi.resetModules();
      withOnly(environmentOf(entry.family));
      const loaded = (await import(/* @vite-ignore */ entry.module)) as { handler?: unknown };
      expect(typeof loaded.handler, entry.module).toBe('function');
    }
  });

  it.each([
    'api-table',
    'api-lists',
    'api-changes',
    'sla-timer',
    'identity-trigger',
    'stream-mail',
    'attachments',
  ] as const)(
    'stops the cold start of a %s function when a required variable is missing, naming it',
    async (family) => {
      const entry = entries.find((candidate) => candidate.family === family);
      if (!entry) throw new Error(`no ${family} function`);
      for (const name of cloudVariablesOf(family).required) {
        vi.resetModules();
        const { [name]: _, ...rest } = environmentOf(family);
        withOnly(rest);
        await expect(
          import(/* @vite-ignore */ entry.module),
          `${entry.module} without ${name}`,
        ).rejects.toThrow(name);
      }
    },
  );

  it('never falls back to a scheduler: SCHEDULER_MODE missing or unknown stops the cold start', () => {
    expect(() => readSettings({ scheduler: SchedulerSettings }, {})).toThrow(/SCHEDULER_MODE/);
    expect(() => readSettings({ scheduler: SchedulerSettings }, { SCHEDULER_MODE: 'cron' })).toThrow(
      /SCHEDULER_MODE must be 'eventbridge' \(the cloud\) or 'local'/,
    );
    expect(readSettings({ scheduler: SchedulerSettings }, { SCHEDULER_MODE: 'local' })).toEqual({
      scheduler: { mode: 'local' },
    });
  });

  it('refuses the local scheduler outside the local runtime', async () => {
    vi.resetModules();
    const { localSchedulerFor } = await import('#functions/wiring/providers.js');
    expect(() => localSchedulerFor('helpdesk-table')).toThrow(/only the local runtime/);
  });

  it('names every missing variable of a cold start at once', () => {
    expect(() =>
      readSettings({ table: TableSettings, scheduler: SchedulerSettings }, { SCHEDULER_MODE: 'eventbridge' }),
    ).toThrow(/TABLE_NAME is not set.*SCHEDULE_GROUP is not set/);
  });

  it('derives the variables infra sets from the same schemas the functions read', () => {
    expect(variablesOf([TableSettings])).toEqual({
      required: ['TABLE_NAME'],
      optional: ['DYNAMODB_ENDPOINT'],
    });
    expect(cloudVariablesOf('api-public')).toEqual({ required: [], optional: [] });
    expect(cloudVariablesOf('api-lists').required).toEqual(['CURSOR_SECRET', 'TABLE_NAME']);
    expect(cloudVariablesOf('sla-timer').required).not.toContain('CURSOR_SECRET');
    expect(cloudVariablesOf('api-changes').required).toEqual(
      expect.arrayContaining(['SCHEDULER_MODE', 'SLA_TARGET_ARNS']),
    );
    // The ticket routes send no mail (the stream consumer does): they get no mail settings.
    expect(cloudVariablesOf('api-changes').required).not.toContain('MAIL_FROM');
    expect(cloudVariablesOf('stream-mail').required).toEqual(
      expect.arrayContaining(['TABLE_NAME', 'MAIL_FROM', 'PORTAL_URL', 'SES_CONFIGURATION_SET']),
    );
    expect(routeName({ module: 'functions/tickets/create-ticket' })).toBe('create-ticket');
  });
});
