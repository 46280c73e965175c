import type { SiteRoles } from '../auth/admins.ts';
import type { SessionUser } from '../auth/sessions.ts';
import type { Site } from '../storage/sites.ts';

/** What middleware hands to handlers through the Hono context. */
export interface AppEnv {
  Variables: {
    requestId: string;
    site: Site;
    /** Set by optionalUser / requireUser; null for an anonymous reader. */
    user: SessionUser | null;
    /** Set by requireAdmin: the sites the admin panel's user moderates ("all" for ADMINS). */
    adminSites: 'all' | string[];
    /** Set by requireAdmin: the admin's role on each of those sites ("all": admin everywhere). */
    adminRoles: SiteRoles;
  };
}
