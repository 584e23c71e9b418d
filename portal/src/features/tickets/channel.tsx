import type { Channel, LoggedChannel } from '../../api/types.js';
import { useI18n } from '../../i18n/index.js';

/** One glyph per channel: decorative, the accessible name carries the meaning. */
const glyphs: Record<Channel, string> = { web: '🌐', email: '✉', api: '⚙', phone: '☎', chat: '💬' };

/** Where a ticket or a message came from, as an icon with a spoken and hovered label. */
export const ChannelIcon = ({ channel }: { channel: Channel }) => {
  const { t } = useI18n();
  const label = t('mail.channelOf', { channel: t(`mail.channels.${channel}`) });
  return (
    <span class={`channel-icon channel-${channel}`} role="img" aria-label={label} title={label}>
      {glyphs[channel]}
    </span>
  );
};

/** The channels staff pick on the reply form (the API's LoggedChannel) and on a new ticket (Channel). */
export const replyChannels = ['web', 'phone', 'chat'] as const satisfies readonly LoggedChannel[];
export const newTicketChannels = ['web', 'email', 'phone', 'chat'] as const satisfies readonly Channel[];

/** A labelled select of channels; `web` first, the default the API applies when none is sent. */
export const ChannelSelect = <C extends Channel>({
  id,
  value,
  choices,
  onChange,
}: {
  id: string;
  value: C;
  choices: readonly C[];
  onChange: (channel: C) => void;
}) => {
  const { t } = useI18n();
  return (
    <span class="channel-select">
      <label for={id}>{t('mail.channel')}</label>{' '}
      <select
        id={id}
        value={value}
        onChange={(event) => {
          const picked = choices.find((choice) => choice === event.currentTarget.value);
          if (picked) onChange(picked);
        }}
      >
        {choices.map((choice) => (
          <option key={choice} value={choice}>
            {t(`mail.channels.${choice}`)}
          </option>
        ))}
      </select>
    </span>
  );
};
