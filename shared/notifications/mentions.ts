/**
 * Mentions in internal notes (docs/notifications.md): `@` followed by letters, digits, `.`,
 * `_` or `-`, not preceded by a letter, digit or one of `_ . + -` (so an e-mail address in the
 * text, `anna@example.com`, mentions nobody). Trailing dots, dashes and underscores belong to
 * the sentence, not the name (`… ask @piotr.`).
 */
const MENTION = /(?<![\p{L}\p{N}_.+-])@([\p{L}\p{N}][\p{L}\p{N}_.-]*)/gu;

/** The distinct names a text mentions, lower-cased. */
export const mentionedNames = (text: string): string[] => {
  const names = new Set<string>();
  for (const match of text.matchAll(MENTION)) {
    const name = (match[1] ?? '').replace(/[._-]+$/u, '').toLowerCase();
    if (name) names.add(name);
  }
  return [...names];
};

export interface Mentionable {
  id: string;
  email: string;
  name: string;
}

const localPartOf = (email: string) => email.slice(0, email.lastIndexOf('@')).toLowerCase();
const firstNameOf = (name: string) => (name.trim().split(/\s+/u)[0] ?? '').toLowerCase();

/**
 * Who of `staff` a text mentions. A name matches, case-insensitively, a staff member's e-mail
 * local part (`@agent2` is agent2@helpdesk.example) or, when no local part matches it, their
 * first name (`@Piotr` is Piotr Agent; a first name several people share mentions each of them).
 */
export const mentionedStaff = <P extends Mentionable>(text: string, staff: readonly P[]): P[] => {
  const found = new Map<string, P>();
  for (const name of mentionedNames(text)) {
    const byAddress = staff.filter((person) => localPartOf(person.email) === name);
    const matches = byAddress.length
      ? byAddress
      : staff.filter((person) => firstNameOf(person.name) === name);
    for (const person of matches) found.set(person.id, person);
  }
  return [...found.values()];
};
