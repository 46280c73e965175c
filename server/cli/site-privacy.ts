/**
 * npm run cli -- site privacy ID [--policy URL|none] [--deleted-comments anonymise|remove]
 * Registered by ../cli.ts. The privacy policy is linked from the widget's registration form; the
 * other setting decides what an erased account's comments become on the site (docs/privacy.md).
 */
import { parseArgs } from 'node:util';
import type { Kysely } from 'kysely';
import * as v from 'valibot';
import { privacySettingsSchema } from '../../shared/schemas.ts';
import type { Database } from '../storage/schema.ts';
import { getSite, updateSiteSettings } from '../storage/sites.ts';

export const sitePrivacyUsage = '  site privacy ID [--policy URL|none] [--deleted-comments anonymise|remove]';

interface Deps {
  db: Kysely<Database>;
  out: (line: string) => void;
}

/** The command, or null when `argv` is another one; `fail` makes the error of a bad one. */
export function parseSitePrivacyCommand(
  argv: string[],
  fail: (message: string) => Error,
): ((deps: Deps) => Promise<void>) | null {
  if (argv[0] !== 'site' || argv[1] !== 'privacy') return null;
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv.slice(2));
  } catch (error) {
    throw fail(`${(error as Error).message}\n${sitePrivacyUsage}`);
  }
  const { values, positionals } = parsed;
  if (positionals.length !== 1 || (values.policy === undefined && values['deleted-comments'] === undefined)) {
    throw fail(sitePrivacyUsage);
  }
  const input = {
    ...(values.policy === undefined
      ? {}
      : { privacyPolicyUrl: values.policy === 'none' ? null : values.policy }),
    ...(values['deleted-comments'] === undefined
      ? {}
      : { deletedAuthorComments: values['deleted-comments'] }),
  };
  const checked = v.safeParse(privacySettingsSchema, input);
  if (!checked.success) {
    const issue = checked.issues[0];
    const option = v.getDotPath(issue) === 'privacyPolicyUrl' ? '--policy' : '--deleted-comments';
    throw fail(`${option}: ${issue.message} (${sitePrivacyUsage.trim()})`);
  }
  const id = positionals[0]!;
  return async (deps) => {
    if (!(await getSite(deps.db, id)) || !(await updateSiteSettings(deps.db, id, checked.output))) {
      throw fail(`no site "${id}"`);
    }
    const site = (await getSite(deps.db, id))!;
    deps.out(
      `site "${id}": privacy policy ${site.settings.privacyPolicyUrl ?? 'none'}, erased accounts' comments ${site.settings.deletedAuthorComments === 'remove' ? 'removed' : 'anonymised'}`,
    );
  };
}

function parse(args: string[]) {
  return parseArgs({
    args,
    allowPositionals: true,
    options: { policy: { type: 'string' }, 'deleted-comments': { type: 'string' } },
  });
}
