import type { Ticket } from '../../api/types.js';
import { useI18n } from '../../i18n/index.js';
import { formatCountdown } from '../../lib/format.js';
import { useNow } from '../../lib/now.js';
import { nextDeadline, slaTone } from './sla.js';

type SlaTicket = Pick<Ticket, 'status' | 'createdAt' | 'sla'>;

const icons = { ok: '●', at_risk: '▲', breached: '■', paused: '❚❚', none: '' } as const;

/**
 * The SLA badge: the next running deadline with a live countdown, coloured (and labelled, so
 * colour is never the only cue) when at risk or breached.
 */
export const SlaBadge = ({ ticket }: { ticket: SlaTicket }) => {
  const { t, tx, locale, date } = useI18n();
  const now = useNow();
  const next = nextDeadline(ticket);
  const tone = slaTone(ticket, now);
  if (!next) {
    if (tone === 'paused')
      return (
        <span class="sla sla-paused">
          <span aria-hidden="true">{icons.paused}</span> {t('sla.paused')}
        </span>
      );
    return <span class="sla sla-none">{t('app.none')}</span>;
  }
  const remaining = Date.parse(next.dueAt) - now;
  const clock = tx(`sla.${next.clock}`, next.clock);
  const time = formatCountdown(remaining, locale);
  const text = remaining >= 0 ? t('sla.dueIn', { clock, time }) : t('sla.overdue', { clock, time });
  return (
    <span class={`sla sla-${tone}`} title={`${clock}: ${date(next.dueAt)}`}>
      <span aria-hidden="true">{icons[tone]}</span>{' '}
      {tone === 'at_risk' || tone === 'breached' ? <strong>{tx(`sla.${tone}`, tone)}: </strong> : null}
      <time dateTime={next.dueAt}>{text}</time>
      {ticket.sla.paused && <span class="muted"> ({t('sla.paused')})</span>}
    </span>
  );
};
