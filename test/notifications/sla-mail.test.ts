import { describe, expect, it } from 'vitest';
import { portalLinks } from '#notifications/links.js';
import { renderNotice } from '#notifications/render.js';
import { noticeRequest } from '#notifications/sla-mail.js';
import { armCheck, nextCheck, settingsFor, settle, trackSla } from '#sla/clocks.js';
import { defaultPolicies } from '#sla/policy.js';
import { emptySla } from '#tickets/sla-state.js';
import { aRecipient, aTicket, PORTAL_URL } from './fixtures.js';

const HOUR = 3_600_000;
const created = new Date('2026-03-02T08:00:00.000Z');

describe('SLA mail', () => {
  it('tells the due time of the clock in a 50 % reminder, not the time the reminder fires', () => {
    // Arrange: a normal ticket, 4 h to open, nobody has opened it after 2 h.
    const normal = defaultPolicies().find((policy) => policy.id === 'normal');
    if (!normal) throw new Error('no default normal policy');
    const settings = { ...settingsFor(normal), reminders: [0.5] };
    const fresh = aTicket({
      status: 'new',
      priority: 'normal',
      assignee: null,
      createdAt: created.toISOString(),
      updatedAt: created.toISOString(),
      sla: emptySla(),
    });
    const { sla } = trackSla({ previous: null, next: fresh, settings, now: created });
    const ticket = { ...fresh, sla: armCheck(fresh.id, sla, nextCheck({ ...fresh, sla }, settings)) };

    // Act
    const [notice] = settle(ticket, settings, new Date(created.getTime() + 2 * HOUR)).notices;
    if (!notice) throw new Error('no reminder due after 2 h');
    const request = noticeRequest(ticket, { notice, previousAssignee: null, at: notice.dueAt });
    const mail = renderNotice(request.notice, {
      ticket,
      recipient: aRecipient({ locale: 'en', timeZone: 'UTC' }),
      links: portalLinks(PORTAL_URL),
    });

    // Assess
    expect(notice.kind).toBe('reminder');
    expect(mail.text).toMatch(/Due:?\s+.*12:00/);
    expect(mail.text).not.toMatch(/Due:?\s+.*10:00/);
  });
});
