import i18next from 'i18next';
import type { Endpoints } from '../../api/endpoints.js';
import type { StatusList } from '../../api/types.js';

/**
 * The labels admins gave the statuses (GET /statuses) laid over the built-in texts of each
 * language as it loads, so every badge, select and filter shows them; a status or language
 * without a label keeps the built-in text.
 */
let statuses: StatusList['statuses'] = [];
const builtIn = new Map<string, string>();

const apply = (language: string): void => {
  if (!i18next.hasResourceBundle(language, 'translation')) return;
  for (const status of statuses) {
    const key = `status.${status.id}`;
    const remembered = `${language}:${key}`;
    if (!builtIn.has(remembered)) {
      const text = i18next.getResource(language, 'translation', key);
      builtIn.set(remembered, typeof text === 'string' ? text : status.id);
    }
    const label =
      status.labels[language as keyof typeof status.labels] ?? builtIn.get(remembered) ?? status.id;
    i18next.addResource(language, 'translation', key, label);
  }
};

let listening = false;

/** Lays the given labels over the loaded languages (and each one loaded later). */
export const applyStatusLabels = (list: StatusList['statuses']): void => {
  statuses = list;
  if (!listening) {
    i18next.on('languageChanged', apply);
    listening = true;
  }
  for (const language of Object.keys(i18next.store?.data ?? {})) apply(language);
};

/** Loads the labels once signed in; a failure keeps the built-in texts. */
export const loadStatusLabels = async (api: Endpoints): Promise<void> => {
  const { data } = await api.getStatuses();
  applyStatusLabels(data.statuses);
};
