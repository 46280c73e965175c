import type { Site } from '../storage/sites.ts';

/** What middleware hands to handlers through the Hono context. */
export interface AppEnv {
  Variables: {
    requestId: string;
    site: Site;
  };
}
