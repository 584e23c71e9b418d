import { useEffect, useState } from 'preact/hooks';
import { errorText } from '../../components/ui.js';
import { useApp } from '../../context.js';
import { useI18n } from '../../i18n/index.js';

/**
 * The header's availability switch (PUT /me/availability): whether auto-assignment gives the
 * signed-in member of staff tickets. A toggle button (aria-pressed), so Space and Enter work.
 */
export const AvailabilityToggle = ({
  userId,
  role,
}: {
  userId: string;
  role: 'agent' | 'lead' | 'admin';
}) => {
  const { api, notify } = useApp();
  const i18n = useI18n();
  const [available, setAvailable] = useState<boolean | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    api
      .listStaff(role)
      .then((people) => {
        if (live) setAvailable(people.find((person) => person.id === userId)?.available ?? true);
      })
      .catch(() => live && setAvailable(true));
    return () => {
      live = false;
    };
  }, [api, userId, role]);

  if (available === null) return null;
  const toggle = async () => {
    setBusy(true);
    try {
      const { data } = await api.setAvailability(!available);
      setAvailable(data.available);
      notify(
        'success',
        data.assigned.length
          ? i18n.t('routing.handedOver', { count: data.assigned.length })
          : i18n.t(data.available ? 'routing.availableOn' : 'routing.availableOff'),
      );
    } catch (error) {
      notify('error', errorText(error, i18n));
    } finally {
      setBusy(false);
    }
  };
  return (
    <button
      type="button"
      class="secondary availability"
      aria-pressed={available}
      disabled={busy}
      onClick={toggle}
    >
      <span aria-hidden="true">{available ? '●' : '○'}</span> {i18n.t('routing.available')}
    </button>
  );
};
