import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { businessSecondsUnder } from '#reports/business-time.js';
import { resolveRange } from '#reports/query.js';
import { exportCsv } from '#reports/use-cases/export.js';
import { readOverview } from '#reports/use-cases/overview.js';
import { recordTicketChange } from '#reports/use-cases/record-change.js';
import { calendarTime, type SlaCalendar } from '#sla/calendar.js';
import type { Ticket } from '#tickets/schemas.js';
import { emptySla } from '#tickets/sla-state.js';
import { MemoryReportStore } from './memory-report-store.js';

/**
 * Business time beside wall time (docs/reports.md "Business time"): the durations counted under
 * the ticket's SLA calendar, here office hours in Tallinn (09:00–17:00, UTC+3 in June), against
 * figures worked out by hand.
 */
const day = [{ from: '09:00', to: '17:00' }];
const office: SlaCalendar = {
  id: 'office',
  name: 'Office',
  timeZone: 'Europe/Tallinn',
  weeklyHours: {
    monday: day,
    tuesday: day,
    wednesday: day,
    thursday: day,
    friday: day,
    saturday: [],
    sunday: [],
  },
  holidays: [],
};

const ticket = (id: string, createdAt: string): Ticket => ({
  id,
  reference: `HD-2026-7${id.slice(-5)}`,
  subject: 'Business hours',
  description: 'Counted in office hours',
  status: 'new',
  priority: 'normal',
  category: null,
  tags: [],
  queue: 'general',
  orgId: 'acme',
  requester: { id: 'user-client-acme', email: 'client@acme.example', name: 'Client' },
  assignee: null,
  channel: 'web',
  version: 1,
  createdAt,
  updatedAt: createdAt,
  sla: emptySla(),
});

/** The ticket's writes: created, answered (and assigned), resolved when `resolvedAt` is given. */
const writesOf = (created: Ticket, respondedAt: string, resolvedAt?: string) => {
  const answered: Ticket = {
    ...created,
    status: 'open',
    version: 2,
    updatedAt: respondedAt,
    assignee: { id: 'user-agent', email: 'agent@helpdesk.example', name: 'Agnes Agent' },
    sla: { ...created.sla, firstRespondedAt: respondedAt, openedAt: respondedAt },
  };
  const writes: [Ticket | null, Ticket][] = [
    [null, created],
    [created, answered],
  ];
  if (resolvedAt)
    writes.push([answered, { ...answered, status: 'resolved', version: 3, updatedAt: resolvedAt }]);
  return writes;
};

describe('business time in reports', () => {
  it('counts first response and resolution in office hours beside wall time, in the overview and the tickets export', async () => {
    const store = new MemoryReportStore();
    const deps = { store, businessTimeOf: async () => businessSecondsUnder(calendarTime(office)) };
    // Friday 16:00 local → Monday 10:00 (first response) → Monday 14:00 (resolved): 66 and 70 hours
    // of wall time, 2 and 6 office hours.
    const weekend = writesOf(
      ticket('B0000000000000000000000001', '2026-06-05T13:00:00.000Z'),
      '2026-06-08T07:00:00.000Z',
      '2026-06-08T11:00:00.000Z',
    );
    // Tuesday 10:00 → 11:00: one hour of both.
    const tuesday = writesOf(
      ticket('B0000000000000000000000002', '2026-06-09T07:00:00.000Z'),
      '2026-06-09T08:00:00.000Z',
    );
    for (const [before, after] of [...weekend, ...tuesday])
      expect(await recordTicketChange(deps, before, after)).toBe('recorded');

    const range = resolveRange({ from: '2026-06-01', to: '2026-06-30', interval: 'day' }, 'UTC', new Date());
    const reportDeps = { store, clock: { now: () => new Date('2026-07-01T00:00:00Z') } };
    const report = await readOverview(reportDeps, range, {});
    expect(report.firstResponseTime.avgSeconds).toBe((66 * 3600 + 3600) / 2);
    expect(report.firstResponseTime.business.avgSeconds).toBe((2 * 3600 + 3600) / 2);
    expect(report.resolutionTime.avgSeconds).toBe(70 * 3600);
    expect(report.resolutionTime.business.avgSeconds).toBe(6 * 3600);

    const rows = parse(await exportCsv(reportDeps, 'tickets', range, {}), {
      bom: true,
      columns: true,
    }) as Record<string, string>[];
    expect(
      rows.map((row) => [
        row.firstResponseSeconds,
        row.firstResponseBusinessSeconds,
        row.resolutionSeconds,
        row.resolutionBusinessSeconds,
      ]),
    ).toEqual([
      [String(66 * 3600), String(2 * 3600), String(70 * 3600), String(6 * 3600)],
      ['3600', '3600', '', ''],
    ]);
  });
});
