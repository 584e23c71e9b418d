import type { Caller } from '#identity/caller.js';
import type { StoredUser } from '#identity/user.js';
import type { Envelope, Verdicts } from './ports.js';

/** The caller a known user's mail acts as. */
export const callerOfUser = (user: StoredUser): Caller => ({
  kind: 'user',
  id: user.id,
  email: user.email,
  name: user.name,
  role: user.role,
  orgId: user.orgId,
  locale: user.locale,
  timeZone: user.timeZone,
});

/** The author of the internal notes a bounce leaves on its ticket. */
export const MAIL_DELIVERY: Caller = {
  kind: 'user',
  id: 'mail-delivery',
  email: '',
  name: 'Mail delivery',
  role: 'agent',
  orgId: null,
  locale: 'en',
  timeZone: 'UTC',
};

export const domainOf = (address: string): string =>
  address.slice(address.lastIndexOf('@') + 1).toLowerCase();

/**
 * Why a mail cannot act as the user its `From` names, or null when it may: the envelope sender
 * must be the same address (a forged `From` over someone else's envelope is refused), and in
 * the cloud SES must have found SPF or DKIM passing and DMARC not failing.
 */
export const identityProblem = (from: string, envelope: Envelope, verdicts?: Verdicts): string | null => {
  if (envelope.from !== null && envelope.from.toLowerCase() !== from.toLowerCase()) {
    return `the envelope sender ${envelope.from || '<>'} is not the From address ${from}`;
  }
  if (verdicts) {
    if (verdicts.spf !== 'PASS' && verdicts.dkim !== 'PASS')
      return `neither SPF (${verdicts.spf}) nor DKIM (${verdicts.dkim}) passed`;
    if (verdicts.dmarc === 'FAIL') return 'DMARC failed';
  }
  return null;
};

/** A mail SES judged as spam or carrying a virus is kept, not processed. */
export const verdictProblem = (verdicts?: Verdicts): string | null => {
  if (!verdicts) return null;
  if (verdicts.virus === 'FAIL') return 'SES found a virus';
  if (verdicts.spam === 'FAIL') return 'SES judged it spam';
  return null;
};

/** The first line `#note` (staff): an internal note, the line itself left out. */
export const staffNote = (text: string): { note: boolean; body: string } => {
  const match = /^\s*#note\b[ \t]*:?[ \t]*\n?/i.exec(text);
  return match ? { note: true, body: text.slice(match[0].length).trim() } : { note: false, body: text };
};
