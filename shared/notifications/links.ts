/** Links into the portal that mails carry. The portal reads `action` to open the matching dialog. */
export interface PortalLinks {
  ticket(ticketId: string): string;
  accept(ticketId: string): string;
  reopen(ticketId: string): string;
  feedback(ticketId: string): string;
}

export const portalLinks = (portalUrl: string): PortalLinks => {
  let base: URL;
  try {
    base = new URL(portalUrl);
  } catch {
    throw new Error(`The portal URL '${portalUrl}' is not an absolute URL`);
  }
  if (base.protocol !== 'https:' && base.protocol !== 'http:') {
    throw new Error(`The portal URL '${portalUrl}' must use http or https`);
  }
  const root = base.toString().replace(/\/+$/, '');
  const ticket = (ticketId: string) => `${root}/tickets/${encodeURIComponent(ticketId)}`;
  return {
    ticket,
    accept: (ticketId) => `${ticket(ticketId)}?action=accept`,
    reopen: (ticketId) => `${ticket(ticketId)}?action=reopen`,
    feedback: (ticketId) => `${ticket(ticketId)}?action=feedback`,
  };
};
