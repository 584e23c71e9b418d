import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { streamConsumers } from '#functions/stream/consumers.js';
import { passesFilters } from '#platform/stream.js';
import { makeEvent, systemActor } from '#tickets/ticket.js';
import { insertRecordOf, modifyRecordOf } from '../support/stream-records.js';

const event = (type: string, changes: { field: string; from: unknown; to: unknown }[] = []) => ({
  pk: 'TICKET#t1',
  sk: `EVENT#${type}`,
  entity: 'event',
  ...makeEvent({
    id: `e-${type}`,
    ticketId: 't1',
    type,
    actor: systemActor(),
    at: '2026-12-02T08:00:00.000Z',
    changes,
  }),
});

const message = (channel: string, internal: boolean) => ({
  pk: 'TICKET#t1',
  sk: `MSG#${channel}${internal}`,
  entity: 'message',
  id: `m-${channel}`,
  ticketId: 't1',
  author: { id: 'u1', name: 'Agnes', role: 'agent' },
  body: 'Hello',
  internal,
  channel,
  createdAt: '2026-12-02T08:00:00.000Z',
});

/** The metric documents (CloudWatch EMF) the handler printed: metric name → dimensions of each count. */
const emitted = (lines: string[]) => {
  const counts: { name: string; dimensions: Record<string, string> }[] = [];
  for (const line of lines) {
    const document = JSON.parse(line) as {
      _aws: {
        CloudWatchMetrics: { Namespace: string; Dimensions: string[][]; Metrics: { Name: string }[] }[];
      };
      [key: string]: unknown;
    };
    for (const set of document._aws.CloudWatchMetrics) {
      expect(set.Namespace).toBe('Helpdesk');
      const dimensions = Object.fromEntries(
        set.Dimensions.flat()
          .filter((name) => name !== 'service')
          .map((name) => [name, String(document[name])]),
      );
      for (const metric of set.Metrics) {
        const value = document[metric.Name];
        const times = Array.isArray(value) ? value.length : Number(value);
        for (let i = 0; i < times; i++) counts.push({ name: metric.Name, dimensions });
      }
    }
  }
  return counts;
};

beforeAll(() => {
  process.env.POWERTOOLS_METRICS_DISABLED = 'false';
  process.env.POWERTOOLS_DEV = 'false';
});
afterEach(() => vi.restoreAllMocks());

const capture = () => {
  const lines: string[] = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    const text = String(chunk).trim();
    if (text.startsWith('{') && text.includes('CloudWatchMetrics')) lines.push(text);
    return true;
  });
  return lines;
};

const delivery = (status: string) => ({
  pk: 'WEBHOOK#h1#DELIVERIES',
  sk: 'DELIVERY#e1',
  entity: 'webhook-delivery',
  hookId: 'h1',
  id: 'e1',
  status,
});

const notification = (state: string) => ({
  pk: 'TICKET#t1',
  sk: 'NOTICE#mail#acknowledgement',
  entity: 'notification',
  kind: 'acknowledgement',
  state,
});

describe('the metrics consumer', () => {
  it('counts webhook deliveries that succeeded or were given up, and failed mail sends, once per change into that outcome', async () => {
    const { handler } = await import('#functions/stream/metrics.js');
    const lines = capture();
    const changes = [
      modifyRecordOf(delivery('pending'), delivery('delivered'), '201'),
      modifyRecordOf(delivery('pending'), delivery('failed'), '202'),
      // Still pending after a failed attempt; the outcome written again changes nothing.
      modifyRecordOf(delivery('pending'), delivery('pending'), '203'),
      modifyRecordOf(delivery('delivered'), delivery('delivered'), '204'),
      modifyRecordOf(notification('sending'), notification('failed'), '205'),
      modifyRecordOf(notification('sending'), notification('sent'), '206'),
    ];
    const metricsConsumer = streamConsumers.find((consumer) => consumer.name === 'metrics');
    const passing = changes.filter((record) => passesFilters(metricsConsumer?.filters ?? [], record));
    expect(passing.map((record) => record.dynamodb?.SequenceNumber)).toEqual(['201', '202', '204', '205']);

    const response = await handler({ Records: passing }, { awsRequestId: 'r2' });

    expect(response.batchItemFailures).toEqual([]);
    const counts = emitted(lines);
    expect(counts.map((count) => count.name).sort()).toEqual([
      'MailFailed',
      'WebhookDelivered',
      'WebhookFailed',
    ]);
    expect(counts.find((count) => count.name === 'MailFailed')?.dimensions).toEqual({
      notice: 'acknowledgement',
    });
  });

  it('counts ticket activity from the stream in the Helpdesk namespace, with breaches by clock and messages by channel', async () => {
    const { handler } = await import('#functions/stream/metrics.js');
    const lines: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      const text = String(chunk).trim();
      if (text.startsWith('{') && text.includes('CloudWatchMetrics')) lines.push(text);
      return true;
    });
    const records = [
      event('ticket.created'),
      event('ticket.created'),
      event('ticket.resolved'),
      event('ticket.accepted'),
      event('sla.auto-closed'),
      event('sla.breached', [
        { field: 'sla.breaches.timeToOpen', from: null, to: '2026-12-02T08:00:00.000Z' },
      ]),
      event('sla.escalation'),
      event('message.added', [{ field: 'status', from: 'resolved', to: 'open' }]),
      event('note.added'),
      message('email', false),
      message('web', true),
    ].map((item, index) => insertRecordOf(item, String(100 + index)));
    const response = await handler({ Records: records }, { awsRequestId: 'r1' });
    expect(response.batchItemFailures).toEqual([]);
    const counts = emitted(lines);
    const names = counts.map((count) => count.name).sort();
    expect(names).toEqual(
      [
        'TicketCreated',
        'TicketCreated',
        'TicketResolved',
        'TicketClosed',
        'TicketClosed',
        'TicketAutoClosed',
        'SlaBreached',
        'SlaEscalated',
        'TicketReopened',
        'MessagePosted',
        'MessagePosted',
      ].sort(),
    );
    expect(counts.find((count) => count.name === 'SlaBreached')?.dimensions).toEqual({ clock: 'timeToOpen' });
    expect(counts.filter((count) => count.name === 'MessagePosted').map((count) => count.dimensions)).toEqual(
      [{ channel: 'email' }, { channel: 'note' }],
    );
  });
});
