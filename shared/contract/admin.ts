/**
 * The admin panel's API under /admin/api: same origin only, the session in an HttpOnly cookie
 * ("pikir_admin", Secure, SameSite=Strict, Path=/admin). Every unsafe request also carries
 * "X-Pikir-Admin: 1" (a CSRF guard besides SameSite) and counts against the admin's write limit
 * (ADMIN_WRITES_PER_MINUTE, 429 `rate_limited`).
 *
 * Rights are checked per site, read from the database on every request, with one call at the top
 * of each handler: `requireSiteRole(c, site, role)` (server/http/admin-session.ts). Each entry
 * says the role it needs: "moderator" (the queues, hide, unhide, delete, restore, ban, unban,
 * close a thread; a site admin passes too) or "admin" (the site's settings, word lists, webhook,
 * team). Without it: 403 `forbidden`. Listings across sites take only the sites the admin has.
 */
import type {
  AdminMe,
  AdminWho,
  AuditPage,
  AuthorHistory,
  PageClosedView,
  QueueItem,
  QueuePage,
  SiteBans,
  SiteEvents,
  SiteSettingsView,
  SiteTeam,
} from '../api.ts';
import {
  adminLoginSchema,
  auditQuerySchema,
  moderationActionSchema,
  pageClosedSchema,
  panelSiteSettingsSchema,
  queueQuerySchema,
  siteQuerySchema,
  teamMemberSchema,
} from '../schemas.ts';
import { type EndpointTable, endpoint, type NoContent } from './endpoint.ts';

export const adminEndpoints = {
  /** Signs in and sets the cookie; 403 `forbidden` when the account moderates no site. */
  'POST /admin/api/login': endpoint('panel?').body(adminLoginSchema).answers<AdminMe>(200),
  /** Ends the session and clears the cookie. */
  'POST /admin/api/logout': endpoint('panel?').answers<NoContent>(204),
  /**
   * Who is signed in and the sites they moderate; `{user: null, sites: []}` (still 200) when no
   * one is, so the sign-in page logs no error; 403 for an account that moderates no site any more.
   */
  'GET /admin/api/me': endpoint('panel?').answers<AdminWho>(200),
  /**
   * Reported comments of every site the admin moderates, or of `?site=` alone (moderator), with
   * `&status=open|closed&cursor=`: most-reported first, then oldest.
   */
  'GET /admin/api/queue': endpoint('panel').query(queueQuerySchema).answers<QueuePage>(200),
  /** An author's comments on a site and what was done about them. */
  'GET /admin/api/users/:id/history': endpoint('panel').query(siteQuerySchema).answers<AuthorHistory>(200),
  /** Dismisses the reports, hides or deletes the comment, optionally banning its author. */
  'POST /admin/api/comments/:id/actions': endpoint('panel')
    .body(moderationActionSchema)
    .answers<QueueItem>(200),
  /** Who did what, when and why, newest first. */
  'GET /admin/api/audit': endpoint('panel').query(auditQuerySchema).answers<AuditPage>(200),
  /** What the server did about the site on its own (such as the day's SMS budget running out). */
  'GET /admin/api/events': endpoint('panel').query(siteQuerySchema).answers<SiteEvents>(200),
  /** The site's settings and how its webhook deliveries fare (admin). */
  'GET /admin/api/sites/:site/settings': endpoint('panel').answers<SiteSettingsView>(200),
  /** Changes some of the settings (admin; each change in the audit log); the settings as they now stand. */
  'PATCH /admin/api/sites/:site/settings': endpoint('panel')
    .body(panelSiteSettingsSchema)
    .answers<SiteSettingsView>(200),
  /**
   * Closes a page's thread to new comments (it stays readable) or reopens it; each change in the
   * audit log (moderator). 404 for a page without comments.
   */
  'PUT /admin/api/sites/:site/pages/closed': endpoint('panel')
    .body(pageClosedSchema)
    .answers<PageClosedView>(200),
  /** The bans that hold now on the site, newest first (moderator). */
  'GET /admin/api/sites/:site/bans': endpoint('panel').answers<SiteBans>(200),
  /** Lifts the user's bans on the site (moderator; in the audit log); 404 `not_found` when none holds. */
  'DELETE /admin/api/sites/:site/bans/:userId': endpoint('panel').answers<NoContent>(204),
  /** The site's team: each contact with its role and the name of its account (admin). */
  'GET /admin/api/sites/:site/team': endpoint('panel').answers<SiteTeam>(200),
  /**
   * Puts a contact on the team with a role, or changes its role (admin; in the audit log); the
   * team as it now stands. 400 `contact_invalid`; 409 `last_admin` for a demotion of the site's
   * last admin.
   */
  'PUT /admin/api/sites/:site/team': endpoint('panel').body(teamMemberSchema).answers<SiteTeam>(200),
  /**
   * Takes a contact (URL-encoded) off the team (admin; in the audit log); its panel sessions lose
   * the site on their next request. 404 `not_found` when not on it; 409 `last_admin`.
   */
  'DELETE /admin/api/sites/:site/team/:contact': endpoint('panel').answers<NoContent>(204),
} as const satisfies EndpointTable;
