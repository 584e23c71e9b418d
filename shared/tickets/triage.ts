/**
 * Mail from a sender of no known organisation opens a ticket in the `triage` queue under the
 * `triage` organisation (docs/inbound-mail.md); staff then move it to the organisation it
 * belongs to (`PATCH /tickets/{id}` with `orgId`), the only way a ticket changes organisation.
 */
export const TRIAGE_QUEUE = 'triage';
export const TRIAGE_ORGANISATION = 'triage';

export const isTriage = (ticket: { orgId: string }): boolean => ticket.orgId === TRIAGE_ORGANISATION;
