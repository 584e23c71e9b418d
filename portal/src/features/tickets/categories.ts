/** The categories the portal offers; the API takes any short text, so a ticket may carry others. */
export const categories = ['question', 'incident', 'service_request', 'billing', 'access', 'other'] as const;

/** The offered categories plus the ticket's own, when it is not one of them. */
export const categoryOptions = (current: string | null | undefined): string[] =>
  current && !(categories as readonly string[]).includes(current)
    ? [...categories, current]
    : [...categories];
