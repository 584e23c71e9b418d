import { describe, expect, it } from 'vitest';
import { settingsFor } from '#sla/clocks.js';
import { slaHooks } from '#sla/engine.js';
import { parsePolicyDocument } from '#sla/policy.js';
import { breachesAtOnce, reapplyTo } from '#sla/policy-impact.js';
import { createTicket } from '#tickets/use-cases/create-ticket.js';
import type { TicketDeps } from '#tickets/use-cases/deps.js';
import { patchTicket } from '#tickets/use-cases/update-ticket.js';
import { directory, engineDeps, FakeClock, people, sequentialIds } from './fakes.js';

/** What re-applying a policy does to one ticket: the pure function behind the preview and the job. */
const T0 = new Date('2026-03-02T08:00:00.000Z');
const minutes = (n: number) => new Date(T0.getTime() + n * 60_000);

const policy = (timeToOpen: string) =>
  parsePolicyDocument({
    policies: [
      { id: 'p', name: 'P', targets: { timeToOpen, timeToResolve: 'PT8H', totalServiceTime: 'PT24H' } },
    ],
  }).policies;

const setup = async () => {
  const clock = new FakeClock(T0);
  const engine = engineDeps({ clock, policies: policy('PT1H') });
  const deps: TicketDeps = {
    store: engine.store,
    users: directory(),
    organisations: {
      get: async (id) => ({
        id,
        name: id,
        domains: [],
        clientMay: ['category', 'priority'],
        defaultQueue: null,
        version: 1,
      }),
    },
    clock,
    ids: sequentialIds(),
    hooks: slaHooks(engine.deps),
  };
  const { ticket } = await createTicket(deps, people.client, { subject: 'Printer', description: 'On fire' });
  return { clock, deps, ticket };
};

describe('re-applying a policy to one ticket', () => {
  it('leaves a ticket alone whose policy is the same', async () => {
    const { ticket } = await setup();
    const same = settingsFor(policy('PT1H')[0] ?? null);
    expect(reapplyTo(ticket, same, same, minutes(30)).affected).toBe(false);
  });

  it('recomputes the deadlines from creation and finds the clocks in breach at once', async () => {
    const { ticket } = await setup();
    const pinned = settingsFor(policy('PT1H')[0] ?? null);
    const stricter = settingsFor(policy('PT10M')[0] ?? null);
    const later = reapplyTo(ticket, pinned, stricter, minutes(5));
    expect(later.affected).toBe(true);
    expect(later.ticket.sla.firstResponseDueAt).toBe(minutes(10).toISOString());
    expect(breachesAtOnce(later)).toBe(false);
    const late = reapplyTo(ticket, pinned, stricter, minutes(30));
    expect(late.dueBreaches).toEqual([{ clock: 'timeToOpen', at: minutes(10).toISOString() }]);
    expect(breachesAtOnce(late)).toBe(true);
  });

  it('never breaches time to open of a ticket already opened', async () => {
    const { deps, ticket, clock } = await setup();
    clock.set(minutes(2));
    const opened = await patchTicket(deps, people.agent, ticket.id, { status: 'open' });
    const outcome = reapplyTo(
      opened,
      settingsFor(policy('PT1H')[0] ?? null),
      settingsFor(policy('PT1M')[0] ?? null),
      minutes(30),
    );
    expect(outcome.affected).toBe(true);
    expect(breachesAtOnce(outcome)).toBe(false);
  });
});
