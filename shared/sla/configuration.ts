import type { Clock } from '#platform/ports.js';
import type { Ticket } from '#tickets/schemas.js';
import { aroundTheClock, DEFAULT_CALENDAR_ID, type SlaCalendar } from './calendar.js';
import { type SlaSettings, settingsFor } from './clocks.js';
import { matchPolicy } from './policy.js';
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

/** The settings the first matching policy gives this ticket (policy conditions read from the ticket). */
export const settingsForTicket = (config: SlaConfiguration, ticket: Ticket): SlaSettings => {
  let calendars = calendarMaps.get(config);
  if (!calendars) {
    calendars = calendarsOf(config);
    calendarMaps.set(config, calendars);
  }
  const known = calendars;
  return settingsFor(matchPolicy(config.policies, ticket), (id) => known.get(id));
};
