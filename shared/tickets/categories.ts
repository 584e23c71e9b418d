import * as z from 'zod';
import { parseNamingFields } from '#platform/validation.js';

/**
 * Ticket categories an admin keeps (issue 16; seed 004 asks for Emergency, Alerting and
 * Question): an id (what a ticket's `category` holds) and a name in each portal language.
 */
const Name = z.string().trim().min(1, 'A name is needed in every language').max(60);

export const CategoryNames = z.strictObject({ en: Name, de: Name, pl: Name, et: Name });

export const CategoryDefinition = z
  .strictObject({
    id: z
      .string()
      .regex(/^[a-z0-9][a-z0-9_-]{0,59}$/, 'A category id is 1–60 lowercase letters, digits, - or _'),
    names: CategoryNames,
    active: z
      .boolean()
      .default(true)
      .meta({ description: 'Inactive: kept on old tickets, not offered for new ones' }),
  })
  .meta({ id: 'Category' });
export type CategoryDefinition = z.infer<typeof CategoryDefinition>;

export const CategoryList = z
  .strictObject({ categories: z.array(CategoryDefinition).max(100, 'At most 100 categories') })
  .superRefine((list, ctx) => {
    const seen = new Map<string, number>();
    list.categories.forEach((category, i) => {
      const first = seen.get(category.id);
      if (first !== undefined)
        ctx.addIssue({
          code: 'custom',
          path: ['categories', i, 'id'],
          message: `Category id '${category.id}' is already used by categories.${first}`,
        });
      else seen.set(category.id, i);
    });
  })
  .meta({ id: 'Categories' });
export type CategoryList = z.infer<typeof CategoryList>;

export const CATEGORIES_DOCUMENT = 'categories';

const category = (id: string, en: string, de: string, pl: string, et: string): CategoryDefinition => ({
  id,
  names: { en, de, pl, et },
  active: true,
});

/** What a fresh installation offers (version 0 until an admin saves). */
export const defaultCategories = (): CategoryDefinition[] => [
  category('emergency', 'Emergency', 'Notfall', 'Awaria krytyczna', 'Hädaolukord'),
  category('alerting', 'Alerting', 'Alarmierung', 'Alarmowanie', 'Häire'),
  category('question', 'Question', 'Frage', 'Pytanie', 'Küsimus'),
  category('incident', 'Incident', 'Störung', 'Incydent', 'Intsident'),
  category('service-request', 'Service request', 'Serviceanfrage', 'Zgłoszenie serwisowe', 'Teenusetaotlus'),
];

export const parseCategoryList = (input: unknown): CategoryList =>
  parseNamingFields(CategoryList, input, 'The categories are invalid');
