import { type Caller, isStaff } from '#identity/caller.js';
import { Forbidden } from '#platform/errors.js';
import type { Clock } from '#platform/ports.js';
import { calendarsOf, currentSettingsForTicket, settingsForTicket } from '../configuration.js';
import { parsePolicyDocument } from '../policy.js';
import { breachesAtOnce, openStatuses, reapplyTo } from '../policy-impact.js';
import type { OpenTicketPages, SlaConfigStore } from '../ports.js';
import { splitApplyTo } from './put-sla-policies.js';

/** The preview reads at most this many open tickets (a bounded request: 10 pages of 100, plus the counts). */
export const MAX_PREVIEW_TICKETS = 1000;
const PREVIEW_PAGE = 100;

export interface PolicyPreviewDeps {
  store: SlaConfigStore;
  tickets: OpenTicketPages;
  clock: Clock;
}

export interface PolicyPreview {
  /** Tickets not closed or merged. */
  openTickets: number;
  /** Of the examined ones: tickets whose policy would change (another policy, or the same id with other settings). */
  affected: number;
  /** Of the affected: tickets with a clock in breach at once (what `applyTo: open` would escalate). */
  wouldBreachNow: number;
  /** How many open tickets were examined: all of them, up to MAX_PREVIEW_TICKETS. */
  examined: number;
}

/**
 * What saving the list with `applyTo: 'open'` would do to the open tickets, computed by the
 * same function the re-application job runs (policy-impact.ts), without saving anything. The
 * body is the PUT body; it is validated the same way.
 */
export const previewSlaPolicies = async (
  deps: PolicyPreviewDeps,
  caller: Caller,
  body: unknown,
): Promise<PolicyPreview> => {
  if (!isStaff(caller) || caller.kind !== 'user' || caller.role !== 'admin')
    throw new Forbidden('Only admins change the SLA policies');
  const { document: input } = splitApplyTo(body);
  const current = await deps.store.load();
  const document = parsePolicyDocument(input, [...calendarsOf(current).keys()]);
  const proposed = { ...current, policies: document.policies };
  const now = deps.clock.now();
  const openTickets = await deps.tickets.countOpen();
  const preview: PolicyPreview = { openTickets, affected: 0, wouldBreachNow: 0, examined: 0 };
  for (const status of openStatuses()) {
    let after: string | null = null;
    do {
      const room = MAX_PREVIEW_TICKETS - preview.examined;
      if (room <= 0) return preview;
      const page = await deps.tickets.page(status, Math.min(PREVIEW_PAGE, room), after);
      for (const ticket of page.tickets) {
        preview.examined++;
        const outcome = reapplyTo(
          ticket,
          settingsForTicket(current, ticket),
          currentSettingsForTicket(proposed, ticket),
          now,
        );
        if (outcome.affected) preview.affected++;
        if (breachesAtOnce(outcome)) preview.wouldBreachNow++;
      }
      after = page.next;
    } while (after);
  }
  return { ...preview, openTickets: Math.max(openTickets, preview.examined) };
};
