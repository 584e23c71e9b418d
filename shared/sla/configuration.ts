import type { Clock } from '#platform/ports.js';
import type { Ticket } from '#tickets/schemas.js';
import { aroundTheClock, DEFAULT_CALENDAR_ID, type SlaCalendar } from './calendar.js';
import { type SlaSettings, settingsFor } from './clocks.js';
import { matchPolicy, SlaPolicy } from './policy.js';
import type { SlaConfigStore, SlaConfiguration } from './ports.js';

/**
 * How long a container trusts the policies it read. Ticket requests stay within their
 * DynamoDB budget (the policies cost one Query per container and period, not per request);
 * a policy change reaches every container within this time, and at once in the container
 * that saved it.
 */
export const CONFIG_CACHE_MS = 10_000;

/** The SLA configuration, read once per period and shared by concurrent requests. */
export class SlaConfigCache {
  private cached: { value: SlaConfiguration; until: number } | null = null;
  private loading: Promise<SlaConfiguration> | null = null;

  constructor(
    private readonly store: SlaConfigStore,
    private readonly clock: Clock,
    private readonly ttlMs = CONFIG_CACHE_MS,
  ) {}

  async get(): Promise<SlaConfiguration> {
    const now = this.clock.now().getTime();
    if (this.cached && now < this.cached.until) return this.cached.value;
    this.loading ??= this.store.load().finally(() => {
      this.loading = null;
    });
    const value = await this.loading;
    this.remember(value);
    return value;
  }

  /** After a save in this container: the next request sees the new policies at once. */
  remember(value: SlaConfiguration): void {
    this.cached = { value, until: this.clock.now().getTime() + this.ttlMs };
  }

  invalidate(): void {
    this.cached = null;
  }
}

export const calendarsOf = (config: SlaConfiguration): Map<string, SlaCalendar> =>
  new Map([[DEFAULT_CALENDAR_ID, aroundTheClock], ...config.calendars.map((c) => [c.id, c] as const)]);

const calendarMaps = new WeakMap<SlaConfiguration, Map<string, SlaCalendar>>();

const calendarLookup = (config: SlaConfiguration) => {
  let calendars = calendarMaps.get(config);
  if (!calendars) {
    calendars = calendarsOf(config);
    calendarMaps.set(config, calendars);
  }
  const known = calendars;
  return (id: string) => known.get(id);
};

/** What the ticket's pinned policy says, parsed; undefined for a ticket written before policies were pinned. */
export const pinnedPolicyOf = (ticket: Ticket): SlaPolicy | null | undefined => {
  const pinned = ticket.sla?.policy;
  if (pinned === undefined) return undefined;
  if (pinned === null) return null;
  const parsed = SlaPolicy.safeParse(pinned);
  return parsed.success ? parsed.data : undefined;
};

/** The settings the first matching policy of the current list would give this ticket. */
export const currentSettingsForTicket = (config: SlaConfiguration, ticket: Ticket): SlaSettings =>
  settingsFor(matchPolicy(config.policies, ticket), calendarLookup(config));

/**
 * The settings the ticket runs under: the policy pinned on it when it was applied (a later
 * change of the list leaves it alone unless an admin re-applies it, docs/sla.md), or, for a
 * ticket written before policies were pinned, the current match. Calendars are read by id, so
 * an edited calendar applies to every ticket on it.
 */
export const settingsForTicket = (config: SlaConfiguration, ticket: Ticket): SlaSettings => {
  const pinned = pinnedPolicyOf(ticket);
  if (pinned === undefined) return currentSettingsForTicket(config, ticket);
  return settingsFor(pinned, calendarLookup(config));
};

/** Whether a change touches what policies are matched on: then the ticket takes the current match. */
export const rematches = (previous: Ticket, next: Ticket): boolean =>
  previous.priority !== next.priority ||
  previous.category !== next.category ||
  previous.orgId !== next.orgId ||
  previous.channel !== next.channel;
