/**
 * Deflection (docs/kb.md): a client writing a new ticket opened a suggested article and then
 * left without submitting. The new-ticket form notes the opened suggestion with a fresh session
 * key; a submit clears it; leaving the article for anywhere but the form counts one deflection:
 * reported to the API (`POST /kb/deflections`, counted once per session key in the reports),
 * announced as the DOM event `helpdesk:kb-deflection` (detail: the article id) and counted in
 * localStorage (`helpdesk.kb.deflections`) for this browser.
 */
const PENDING = 'helpdesk.kb.suggestion';
const COUNT = 'helpdesk.kb.deflections';
export const DEFLECTION_EVENT = 'helpdesk:kb-deflection';

export type ReportDeflection = (articleId: string, sessionKey: string) => Promise<unknown>;

const pending = (): { articleId: string; sessionKey: string } | null => {
  try {
    const value: unknown = JSON.parse(sessionStorage.getItem(PENDING) ?? 'null');
    return value && typeof value === 'object' && 'articleId' in value && 'sessionKey' in value
      ? { articleId: String(value.articleId), sessionKey: String(value.sessionKey) }
      : null;
  } catch {
    return null;
  }
};

export const suggestionOpened = (articleId: string): void =>
  sessionStorage.setItem(
    PENDING,
    JSON.stringify({ articleId, sessionKey: crypto.randomUUID().replaceAll('-', '') }),
  );

export const ticketSubmitted = (): void => sessionStorage.removeItem(PENDING);

/** Called when the reader leaves an article for `nextPath`. */
export const leftArticle = (
  articleId: string,
  nextPath: string,
  newTicketPath: string,
  report?: ReportDeflection,
): void => {
  const opened = pending();
  if (opened?.articleId !== articleId || nextPath === newTicketPath) return;
  sessionStorage.removeItem(PENDING);
  localStorage.setItem(COUNT, String(Number(localStorage.getItem(COUNT) ?? 0) + 1));
  window.dispatchEvent(new CustomEvent(DEFLECTION_EVENT, { detail: { articleId } }));
  // A metric, not the reader's business: a failed report (offline, signed out) is dropped.
  report?.(articleId, opened.sessionKey).catch(() => undefined);
};
