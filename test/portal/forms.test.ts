import { describe, expect, it } from 'vitest';
import { allowedTypes } from '#attachments/attachment.js';
import { AUTO_REPLIES_PER_HOUR, MAILS_PER_SENDER_PER_HOUR } from '#email/loops.js';
import { InboundMailSettings } from '#email/ports.js';
import { PatchableStatus } from '#tickets/schemas.js';
import { canTransition, ticketStatuses } from '#tickets/status.js';
import type { Ticket } from '../../portal/src/api/types.js';
import { senderLimitFields } from '../../portal/src/features/admin/sender-limits.js';
import { allowedTypes as portalAllowedTypes } from '../../portal/src/features/attachments/upload.js';
import { filterStatuses, statusChoices } from '../../portal/src/features/tickets/status.js';
import {
  createBody,
  emptyNewTicket,
  parseTags,
  pickUpPatch,
  propertiesOf,
  propertiesPatch,
} from '../../portal/src/features/tickets/ticket-forms.js';

const ticket = {
  status: 'open',
  priority: 'normal',
  queue: 'support',
  category: null,
  tags: ['vpn'],
} as unknown as Ticket;

describe('portal ticket forms', () => {
  it('sends only what a client filled in', () => {
    const body = createBody(
      { ...emptyNewTicket, subject: 'VPN down', description: 'Since 9:00', orgId: 'x' },
      false,
    );
    expect(body).toEqual({ subject: 'VPN down', description: 'Since 9:00' });
  });

  it('lets staff open a ticket for a client organisation and requester', () => {
    const body = createBody(
      {
        ...emptyNewTicket,
        subject: 's',
        description: 'd',
        orgId: ' acme ',
        requesterEmail: 'client@acme.example',
      },
      true,
    );
    expect(body).toEqual({
      subject: 's',
      description: 'd',
      orgId: 'acme',
      requester: { email: 'client@acme.example' },
    });
  });

  it('patches only the properties the agent changed', () => {
    const form = { ...propertiesOf(ticket), priority: 'high', tags: 'vpn, network vpn' };
    expect(propertiesPatch(ticket, form)).toEqual({ priority: 'high', tags: ['vpn', 'network'] });
    expect(propertiesPatch(ticket, propertiesOf(ticket))).toEqual({});
  });

  it('clears the category when the agent picks none', () => {
    const categorised = { ...ticket, category: 'billing' } as Ticket;
    expect(propertiesPatch(categorised, { ...propertiesOf(categorised), category: '' })).toEqual({
      category: null,
    });
  });

  it('postpones with the picked local time as an instant, and sends the date only when it changed', () => {
    const local = '2026-12-24T09:30';
    const form = { ...propertiesOf(ticket), status: 'postponed', postponedUntil: local };
    expect(propertiesPatch(ticket, form)).toEqual({
      status: 'postponed',
      postponedUntil: new Date(local).toISOString(),
    });
    const postponed = {
      ...ticket,
      status: 'postponed',
      postponedUntil: new Date(local).toISOString(),
    } as unknown as Ticket;
    expect(propertiesOf(postponed).postponedUntil).toBe(local);
    expect(propertiesPatch(postponed, propertiesOf(postponed))).toEqual({});
    expect(
      propertiesPatch(postponed, { ...propertiesOf(postponed), postponedUntil: '2026-12-27T08:00' }),
    ).toEqual({
      postponedUntil: new Date('2026-12-27T08:00').toISOString(),
    });
  });

  it('splits tags on spaces and commas', () => {
    expect(parseTags(' a,b  c,,a ')).toEqual(['a', 'b', 'c']);
  });

  it('opens a new ticket when an agent picks it up', () => {
    expect(pickUpPatch({ status: 'new' })).toEqual({ assignee: 'me', status: 'open' });
    expect(pickUpPatch({ status: 'pending' })).toEqual({ assignee: 'me' });
  });

  it('offers exactly the status changes the state machine allows through PATCH', () => {
    for (const from of ticketStatuses) {
      const offered = statusChoices(from).slice(1);
      const allowed = ticketStatuses.filter(
        (to) => to !== from && canTransition(from, to) && PatchableStatus.safeParse(to).success,
      );
      expect(offered, from).toEqual(allowed);
    }
  });

  it('filters lists by every status a listed ticket can have, in the state machine’s order', () => {
    expect(filterStatuses).toEqual(ticketStatuses.filter((status) => status !== 'merged'));
  });
});

describe('the inbound mail limits', () => {
  it('offers the defaults and bounds the API applies', () => {
    const defaults = {
      mailsPerSenderPerHour: MAILS_PER_SENDER_PER_HOUR,
      autoRepliesPerHour: AUTO_REPLIES_PER_HOUR,
    };
    for (const field of senderLimitFields) {
      expect(field.default).toBe(defaults[field.name]);
      const valid = (value: number) =>
        InboundMailSettings.safeParse({ unknownSenders: 'triage', [field.name]: value }).success;
      expect([valid(field.min - 1), valid(field.min), valid(field.max), valid(field.max + 1)]).toEqual([
        false,
        true,
        true,
        false,
      ]);
    }
  });
});

describe('the attachment picker', () => {
  it('accepts at the pick exactly the types the API accepts', () => {
    expect([...portalAllowedTypes].sort()).toEqual([...allowedTypes].sort());
  });
});
