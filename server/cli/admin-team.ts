/**
 * npm run cli -- admin add|list|remove|role …: a site's team (server/storage/admins.ts). Both forms
 * work: `admin add CONTACT --site ID [--role moderator|admin]` and the older `admin add ID CONTACT`
 * (an admin). Registered by ../cli.ts. The operator may remove anyone; a role change that would
 * leave the site without an admin is refused, as in the panel.
 */
import { parseArgs } from 'node:util';
import type { Kysely } from 'kysely';
import { parseContact } from '../../shared/contact.ts';
import { type SiteRole, siteRoles } from '../../shared/vocabulary.ts';
import { addSiteAdmin, changeTeam, LastAdminError, listTeam, removeSiteAdmin } from '../storage/admins.ts';
import type { Database } from '../storage/schema.ts';
import { getSite, type Site } from '../storage/sites.ts';

export const adminTeamUsage = `usage:
  admin add EMAIL-OR-PHONE --site ID [--role moderator|admin]   (or: admin add ID EMAIL-OR-PHONE)
  admin list --site ID                                          (or: admin list ID)
  admin remove EMAIL-OR-PHONE --site ID                         (or: admin remove ID EMAIL-OR-PHONE)
  admin role EMAIL-OR-PHONE --site ID --role moderator|admin`;

interface Deps {
  db: Kysely<Database>;
  out: (line: string) => void;
  now: number;
}

type Fail = (message: string) => Error;

/** The command, or null when `argv` is another one; `fail` makes the error of a bad one. */
export function parseAdminCommand(argv: string[], fail: Fail): ((deps: Deps) => Promise<void>) | null {
  if (argv[0] !== 'admin') return null;
  const action = argv[1];
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv.slice(2));
  } catch (error) {
    throw fail(`${(error as Error).message}\n${adminTeamUsage}`);
  }
  const { values, positionals } = parsed;
  // `--site ID` names the site; without it the first word does (the older form).
  const [siteId, ...rest] = values.site === undefined ? positionals : [values.site, ...positionals];
  if (values.role !== undefined && !(siteRoles as readonly string[]).includes(values.role)) {
    throw fail(`--role: must be moderator or admin\n${adminTeamUsage}`);
  }
  const role = values.role as SiteRole | undefined;
  if (siteId === undefined) throw fail(adminTeamUsage);
  if (action === 'list' && rest.length === 0 && role === undefined) {
    return async (deps) => adminList(deps, await siteOf(deps, siteId, fail));
  }
  const input = rest[0];
  if (rest.length !== 1 || input === undefined) throw fail(adminTeamUsage);
  if (action === 'add') {
    return async (deps) => {
      const site = await siteOf(deps, siteId, fail);
      const contact = contactOf(input, site, fail);
      await addSiteAdmin(deps.db, site.id, contact, deps.now, role ?? 'admin');
      const held = (await listTeam(deps.db, site.id)).find((m) => m.contact === contact)?.role;
      deps.out(`${contact} is ${held === 'moderator' ? 'a moderator' : 'an admin'} of "${site.id}"`);
      if (held !== (role ?? 'admin')) deps.out(`(already on the team; "admin role" changes the role)`);
    };
  }
  if (action === 'remove' && role === undefined) {
    return async (deps) => {
      const site = await siteOf(deps, siteId, fail);
      const contact = contactOf(input, site, fail);
      if (!(await removeSiteAdmin(deps.db, site.id, contact)))
        throw fail(`${contact} is not an admin of "${site.id}"`);
      deps.out(
        `${contact} is no longer an admin of "${site.id}"; their panel sessions lose the site at once`,
      );
    };
  }
  if (action === 'role' && role !== undefined) {
    return async (deps) => {
      const site = await siteOf(deps, siteId, fail);
      const contact = contactOf(input, site, fail);
      const onTeam = (await listTeam(deps.db, site.id)).some(
        (m) => m.contact.toLowerCase() === contact.toLowerCase(),
      );
      if (!onTeam) throw fail(`${contact} is not on the team of "${site.id}" (use "admin add")`);
      try {
        await changeTeam(deps.db, site.id, contact, role, deps.now, async () => {});
      } catch (error) {
        if (error instanceof LastAdminError) throw fail(`${contact} is the last admin of "${site.id}"`);
        throw error;
      }
      deps.out(
        `${contact} is now ${role === 'moderator' ? 'a moderator' : 'an admin'} of "${site.id}"; at once`,
      );
    };
  }
  throw fail(adminTeamUsage);
}

async function siteOf(deps: Deps, id: string, fail: Fail): Promise<Site> {
  const site = await getSite(deps.db, id);
  if (!site) throw fail(`no site "${id}"`);
  return site;
}

function contactOf(input: string, site: Site, fail: Fail): string {
  const contact = parseContact(input, site.defaultCountry);
  if (!contact) throw fail(`"${input}" is neither a valid email nor a valid phone number`);
  return contact.value;
}

async function adminList(deps: Deps, site: Site) {
  const team = await listTeam(deps.db, site.id);
  if (team.length === 0) deps.out(`no admins for "${site.id}"`);
  for (const member of team) deps.out(`${member.contact}\t${member.role}`);
}

function parse(args: string[]) {
  return parseArgs({
    args,
    allowPositionals: true,
    options: { site: { type: 'string' }, role: { type: 'string' } },
  });
}
