import type { MailReceiver } from '#email/ports.js';
import type { Invitations } from '#identity/account.js';
import type { HealthProbe } from '#platform/health.js';
import type { Scheduler } from '#sla/ports.js';

/**
 * Adapters only the local runtime can provide: with SCHEDULER_MODE=local, `npm start` and the
 * tests register the table-backed scheduler (local/table-scheduler.ts) before any handler
 * loads. Nothing in a Lambda bundle registers one, so a cloud function can never fall back to it.
 */
let localScheduler: ((tableName: string) => Scheduler) | undefined;

export const provideLocalScheduler = (factory: (tableName: string) => Scheduler): void => {
  localScheduler = factory;
};

export const localSchedulerFor = (tableName: string): Scheduler => {
  if (!localScheduler) {
    throw new Error(
      "SCHEDULER_MODE is 'local', but no local scheduler was provided: only the local runtime (npm start) runs in that mode",
    );
  }
  return localScheduler(tableName);
};

/**
 * What the local runtime reports for the scheduler and mail in GET /health (its scheduler runs
 * or not, the SES emulator answers or not). Without them (a Lambda) the health function reports
 * EventBridge Scheduler and SES, managed services it does not call.
 */
let localHealth: Record<'scheduler' | 'mail', HealthProbe> | undefined;

export const provideLocalHealthProbes = (probes: Record<'scheduler' | 'mail', HealthProbe>): void => {
  localHealth = probes;
};

export const localHealthProbes = () => localHealth;

/**
 * How a new account learns to sign in: locally a set-password mail (local/invitations.ts),
 * registered by the local runtime before any handler loads. Without it (a Lambda) the account
 * routes use Cognito (./accounts.ts).
 */
let localInvitations: ((tableName: string) => Invitations) | undefined;

export const provideLocalInvitations = (factory: (tableName: string) => Invitations): void => {
  localInvitations = factory;
};

export const localInvitationsFor = (tableName: string): Invitations | undefined =>
  localInvitations?.(tableName);

/**
 * The function that reads mail, as the kept-mail retry route reaches it: locally the same
 * handler module SES's receipt rule invokes, called in process by the local runtime
 * (local/environment.ts). Without it (a Lambda) the route invokes the inbound-mail function.
 */
let localMailReceiver: MailReceiver | undefined;

export const provideLocalMailReceiver = (receiver: MailReceiver): void => {
  localMailReceiver = receiver;
};

export const localMailReceiverFor = (): MailReceiver | undefined => localMailReceiver;
