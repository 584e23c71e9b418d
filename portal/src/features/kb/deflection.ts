/**
 * Deflection (docs/kb.md): a client writing a new ticket opened a suggested article and then
 * left without submitting. The new-ticket form notes the opened suggestion; a submit clears it;
 * leaving the article for anywhere but the form counts one deflection, announced as the DOM
 * event `helpdesk:kb-deflection` (detail: the article id) and counted in localStorage
 * (`helpdesk.kb.deflections`) until a reports endpoint collects it.
 */
const PENDING = 'helpdesk.kb.suggestion';
const COUNT = 'helpdesk.kb.deflections';
export const DEFLECTION_EVENT = 'helpdesk:kb-deflection';

export const suggestionOpened = (articleId: string): void => sessionStorage.setItem(PENDING, articleId);

export const ticketSubmitted = (): void => sessionStorage.removeItem(PENDING);

/** Called when the reader leaves an article for `nextPath`. */
export const leftArticle = (articleId: string, nextPath: string, newTicketPath: string): void => {
  if (sessionStorage.getItem(PENDING) !== articleId || nextPath === newTicketPath) return;
  sessionStorage.removeItem(PENDING);
  localStorage.setItem(COUNT, String(Number(localStorage.getItem(COUNT) ?? 0) + 1));
  window.dispatchEvent(new CustomEvent(DEFLECTION_EVENT, { detail: { articleId } }));
};
