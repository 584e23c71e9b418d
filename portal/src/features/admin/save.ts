import { useState } from 'preact/hooks';
import { ApiError, fieldErrorMap } from '../../api/problem.js';
import { errorText } from '../../components/ui.js';
import { useApp } from '../../context.js';
import { useAdminI18n } from './i18n.js';

/**
 * How every console form saves: one request at a time; a 412 (someone saved in between) says so
 * and reloads what is stored now; a 400 places each message at its field (by the API's dotted
 * path, e.g. `weeklyHours.monday.1.from`), others in the notice.
 */
export const useSave = () => {
  const { notify } = useApp();
  const i18n = useAdminI18n();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const run = async (save: () => Promise<string>, reload: () => Promise<unknown>): Promise<boolean> => {
    setBusy(true);
    setErrors({});
    try {
      const done = await save();
      notify('success', done);
      return true;
    } catch (caught) {
      if (caught instanceof ApiError && caught.status === 412) {
        notify('error', i18n.a('stale'));
        await reload();
      } else if (caught instanceof ApiError && caught.fieldErrors.length) {
        const { byPath, general } = fieldErrorMap(caught.fieldErrors);
        setErrors(byPath);
        notify('error', [errorText(caught, i18n), ...general].join(' '));
      } else notify('error', errorText(caught, i18n));
      return false;
    } finally {
      setBusy(false);
    }
  };
  return { errors, busy, run, setErrors };
};

/** Splits a comma- or line-separated list as typed into its entries. */
export const listOf = (text: string): string[] =>
  text
    .split(/[\n,]/)
    .map((entry) => entry.trim())
    .filter(Boolean);

/** The time zones the browser knows (for the pickers), the given one first if it is not among them. */
export const timeZones = (current: string): string[] => {
  const known = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : ['UTC'];
  const all = known.includes('UTC') ? known : ['UTC', ...known];
  return all.includes(current) ? all : [current, ...all];
};
