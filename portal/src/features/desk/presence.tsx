import { useEffect, useState } from 'preact/hooks';
import type { Presence, PresenceState } from '../../api/types.js';
import { useApp } from '../../context.js';
import { useI18n } from '../../i18n/index.js';

/** A heartbeat lasts 30 s on the server; one every 10 s survives two lost ones. */
const HEARTBEAT_MS = 10_000;
/** Who else is here is asked every 3 s, so a colleague shows within 5 s. */
const POLL_MS = 3_000;

/**
 * Tells the desk that the user is viewing or replying to the ticket, and who else is. Presence is
 * a courtesy: a failed heartbeat or poll leaves the line as it was and the next one tries again.
 */
export const usePresence = (ticketId: string, state: PresenceState, enabled: boolean): Presence[] => {
  const { api } = useApp();
  const [others, setOthers] = useState<Presence[]>([]);

  useEffect(() => {
    if (!enabled) return;
    const beat = () => {
      if (document.visibilityState === 'visible')
        void api.putPresence(ticketId, state).catch(() => undefined);
    };
    beat();
    const timer = setInterval(beat, HEARTBEAT_MS);
    return () => clearInterval(timer);
  }, [api, ticketId, state, enabled]);

  useEffect(() => {
    if (!enabled) return;
    let live = true;
    const poll = async () => {
      if (document.visibilityState !== 'visible') return;
      try {
        const { data } = await api.getPresence(ticketId);
        if (live) setOthers(data);
      } catch {
        // Keep the last known line; the next poll tries again.
      }
    };
    void poll();
    const timer = setInterval(() => void poll(), POLL_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [api, ticketId, enabled]);

  return others;
};

/** "Anna is viewing · Piotr is replying…", announced politely when it changes. */
export const PresenceLine = ({ others }: { others: readonly Presence[] }) => {
  const { t } = useI18n();
  return (
    <p class="presence" role="status" aria-live="polite">
      {others
        .map((person) =>
          t(person.state === 'replying' ? 'desk.replying' : 'desk.viewing', { name: person.user.name }),
        )
        .join(' · ')}
    </p>
  );
};
