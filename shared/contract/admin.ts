/**
 * The admin panel's API under /admin/api: same origin only, the session in an HttpOnly cookie
 * ("pikir_admin", Secure, SameSite=Strict, Path=/admin). Every unsafe request also carries
 * "X-Pikir-Admin: 1" (a CSRF guard besides SameSite). Rights are checked per site.
 */
import type { AdminMe, AuditPage, AuthorHistory, QueueItem, QueuePage, SiteEvents } from '../api.ts';
import {
  adminLoginSchema,
  auditQuerySchema,
  moderationActionSchema,
  queueQuerySchema,
  siteQuerySchema,
} from '../schemas.ts';
import { type EndpointTable, type NoContent, returns } from './endpoint.ts';

export const adminEndpoints = {
  'POST /admin/api/login': {
    access: 'panel?',
    body: adminLoginSchema,
    status: 200,
    answer: returns<AdminMe>(),
    doc: 'Signs in and sets the cookie; 403 `forbidden` when the account moderates no site',
  },
  'POST /admin/api/logout': {
    access: 'panel?',
    status: 204,
    answer: returns<NoContent>(),
    doc: 'Ends the session and clears the cookie',
  },
  'GET /admin/api/me': {
    access: 'panel',
    status: 200,
    answer: returns<AdminMe>(),
    doc: 'Who is signed in and the sites they moderate',
  },
  'GET /admin/api/queue': {
    access: 'panel',
    query: queueQuerySchema,
    status: 200,
    answer: returns<QueuePage>(),
    doc: 'Reported comments, `?site=&status=open|closed&cursor=`: most-reported first, then oldest',
  },
  'GET /admin/api/users/:id/history': {
    access: 'panel',
    query: siteQuerySchema,
    status: 200,
    answer: returns<AuthorHistory>(),
    doc: "An author's comments on a site and what was done about them",
  },
  'POST /admin/api/comments/:id/actions': {
    access: 'panel',
    body: moderationActionSchema,
    status: 200,
    answer: returns<QueueItem>(),
    doc: 'Dismisses the reports, hides or deletes the comment, optionally banning its author',
  },
  'GET /admin/api/audit': {
    access: 'panel',
    query: auditQuerySchema,
    status: 200,
    answer: returns<AuditPage>(),
    doc: 'Who did what, when and why, newest first',
  },
  'GET /admin/api/events': {
    access: 'panel',
    query: siteQuerySchema,
    status: 200,
    answer: returns<SiteEvents>(),
    doc: "What the server did about the site on its own (such as the day's SMS budget running out)",
  },
} as const satisfies EndpointTable;
