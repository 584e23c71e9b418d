import type { ComponentType } from 'preact';
import type { Role } from '../../api/types.js';
import { SlaPoliciesPage } from '../sla/sla-policies-page.js';
import { AutomationPage } from './automation.js';
import { CalendarsPage } from './calendars.js';
import { CategoriesPage } from './categories.js';
import type { AdminKey } from './i18n.js';
import { InboundMailPage } from './inbound-mail-page.js';
import { MailTemplatesPage } from './mail-templates-page.js';
import { OrganisationsPage } from './organisations.js';
import { QueuesAdminPage } from './queues.js';
import { StatusLabelsPage } from './status-labels.js';
import { TicketFieldsPage } from './ticket-fields.js';
import { UsersPage } from './users.js';

/**
 * One page of the admin console. To add a page: write its component in this folder, add its
 * texts to portal/src/i18n/locales/admin/<language>.ts (all four), and append an entry here. The
 * console builds its menu, its address (`/admin/<id>`) and the role check from this list; the
 * API still decides what each role may do (shared/identity/permissions.ts).
 */
export interface AdminPage {
  /** The address: `/admin/<id>`; lowercase, stable. */
  id: string;
  /** The menu entry and the page's heading. */
  title: AdminKey;
  /** Who sees the page in the console. */
  roles: readonly Role[];
  Page: ComponentType;
}

export const adminPages: AdminPage[] = [
  { id: 'organisations', title: 'pages.organisations', roles: ['admin'], Page: OrganisationsPage },
  { id: 'users', title: 'pages.users', roles: ['admin'], Page: UsersPage },
  { id: 'queues', title: 'pages.queues', roles: ['admin', 'lead'], Page: QueuesAdminPage },
  { id: 'categories', title: 'pages.categories', roles: ['admin'], Page: CategoriesPage },
  { id: 'calendars', title: 'pages.calendars', roles: ['admin'], Page: CalendarsPage },
  { id: 'automation', title: 'pages.automation', roles: ['admin'], Page: AutomationPage },
  { id: 'sla-policies', title: 'pages.slaPolicies', roles: ['admin'], Page: SlaPoliciesPage },
  { id: 'inbound-mail', title: 'pages.inboundMail', roles: ['admin'], Page: InboundMailPage },
  { id: 'mail-templates', title: 'pages.mailTemplates', roles: ['admin'], Page: MailTemplatesPage },
  { id: 'ticket-fields', title: 'pages.ticketFields', roles: ['admin'], Page: TicketFieldsPage },
  { id: 'status-labels', title: 'pages.statusLabels', roles: ['admin'], Page: StatusLabelsPage },
];

export const pagesFor = (role: Role): AdminPage[] => adminPages.filter((page) => page.roles.includes(role));
