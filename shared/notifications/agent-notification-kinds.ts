/**
 * What staff are told of in the product (and by mail, unless they turned it off): the kinds of
 * agent notification (docs/notifications.md). Each is a notice kind too, with its templates.
 */
export const agentNotificationKinds = [
  'ticketCreated',
  'clientReplied',
  'ticketReopened',
  'ticketAssigned',
  'mentioned',
] as const;
export type AgentNotificationKind = (typeof agentNotificationKinds)[number];
