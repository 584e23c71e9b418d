import type { Category } from '../../api/types.js';
import { useApp } from '../../context.js';
import { useI18n } from '../../i18n/index.js';
import { useLoad } from '../../lib/load.js';

/** The categories the portal offers; the API takes any short text, so a ticket may carry others. */
export const categories = ['question', 'incident', 'service_request', 'billing', 'access', 'other'] as const;

/** The offered categories plus the ticket's own, when it is not one of them. */
export const categoryOptions = (current: string | null | undefined): string[] =>
  current && !(categories as readonly string[]).includes(current)
    ? [...categories, current]
    : [...categories];

/**
 * The categories a form offers: the admins' list (`GET /categories`, offered ones, named in the
 * user's language) plus the ticket's own; the built-in list while it loads or when it cannot.
 */
export const useCategoryChoices = (current: string | null | undefined): { id: string; name: string }[] => {
  const { api } = useApp();
  const { language, tx } = useI18n();
  const loaded = useLoad(() => api.listCategories().catch((): Category[] => []), [api]);
  const offered = (loaded.data ?? []).filter((category) => category.active || category.id === current);
  if (!offered.length) return categoryOptions(current).map((id) => ({ id, name: tx(`category.${id}`, id) }));
  const choices = offered.map((category) => ({
    id: category.id,
    name: category.names[language] || category.id,
  }));
  return current && !choices.some((choice) => choice.id === current)
    ? [...choices, { id: current, name: tx(`category.${current}`, current) }]
    : choices;
};

/** A category's name in the user's language (the admins' names; the id when it has none). */
export const CategoryName = ({ id }: { id: string }): string =>
  useCategoryChoices(id).find((choice) => choice.id === id)?.name ?? id;
