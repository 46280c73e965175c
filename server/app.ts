/**
 * createApp(deps) is the whole HTTP surface. Nothing here opens sockets or reads the environment:
 * main.ts passes real parts, tests pass an in-memory database and a fixed clock.
 */
import { Hono, type MiddlewareHandler } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import { type Access, splitKey } from '../shared/contract/endpoint.ts';
import { contract } from '../shared/contract/index.ts';
import { REQUEST_BODY_MAX_BYTES } from '../shared/limits.ts';
import { HashingBusy } from './auth/passwords.ts';
import type { Deps } from './deps.ts';
import { adminCsrf } from './http/admin-csrf.ts';
import { requireAdmin } from './http/admin-session.ts';
import { allowedMethods } from './http/allowed-methods.ts';
import { limitBody } from './http/body-limit.ts';
import { compressAnswers } from './http/compression.ts';
import type { AppEnv } from './http/env.ts';
import { errorResponse } from './http/errors.ts';
import { requestIds, requestLog } from './http/request-log.ts';
import { optionalUser, requireUser } from './http/session.ts';
import { siteOrigin } from './http/site-origin.ts';
import { writeGate } from './http/write-gate.ts';
import { LiveThreads } from './live/hub.ts';
import { Refusal, rateLimited } from './refusal.ts';
import { accountRoutes } from './routes/account.ts';
import { adminActionRoutes } from './routes/admin/actions.ts';
import { adminAuditRoutes } from './routes/admin/audit.ts';
import { adminBanRoutes } from './routes/admin/bans.ts';
import { adminHeldRoutes } from './routes/admin/held.ts';
import { adminHistoryRoutes } from './routes/admin/history.ts';
import { adminMeRoutes } from './routes/admin/me.ts';
import { adminPageCloseRoutes } from './routes/admin/pages.ts';
import { adminQueueRoutes } from './routes/admin/queue.ts';
import { adminSessionRoutes } from './routes/admin/session.ts';
import { adminSettingsRoutes } from './routes/admin/settings.ts';
import { adminTeamRoutes } from './routes/admin/team.ts';
import { adminPageRoutes } from './routes/admin-page.ts';
import { assetRoutes } from './routes/assets.ts';
import { authRoutes } from './routes/auth.ts';
import { commentRoutes } from './routes/comments.ts';
import { complaintRoutes } from './routes/complaints.ts';
import { countRoutes } from './routes/counts.ts';
import { demoRoutes } from './routes/demo.ts';
import { devOutboxRoutes } from './routes/dev-outbox.ts';
import { liveRoutes } from './routes/live.ts';
import { notificationRoutes, unsubscribeRoutes } from './routes/notifications.ts';
import { reactionRoutes } from './routes/reactions.ts';
import { repliesRoutes } from './routes/replies.ts';
import { threadRoutes } from './routes/threads.ts';
import { storageProblem } from './storage/db.ts';
import { isStorageFault } from './storage/faults.ts';

/** Auth requests are small; a tighter cap than comments leaves less room for hashing floods. */
const AUTH_BODY_MAX_BYTES = 16 * 1024;
/**
 * Posts, edits, reactions, reports and hides being handled at once; more wait their turn
 * (http/write-gate.ts). Below the PostgreSQL pool's ten connections, so reads always find one.
 */
const THREAD_WRITES_AT_ONCE = 8;

/** How long /readyz waits for the database before it answers 503. */
const READY_TIMEOUT_MS = 2_000;

export function createApp(deps: Deps) {
  const app = new Hono<AppEnv>();

  app.use(requestIds());
  app.use(requestLog(deps.log, deps.clientIp));
  app.use(compressAnswers());
  // The widget's files are loaded by pages of every origin; HTML pages set their own CSP, and a
  // route's stricter header (the admin page's X-Frame-Options: DENY) is kept, not overwritten.
  app.use(
    secureHeaders({
      crossOriginResourcePolicy: 'cross-origin',
      crossOriginEmbedderPolicy: false,
      strictTransportSecurity: 'max-age=31536000; includeSubDomains',
      overwrite: false,
    }),
  );
  // Who is asking, checked by the origin guards first, then per endpoint from the contract. Before
  // the body limit: its 413 must carry the site's CORS headers, or the widget cannot read why.
  app.use('/api/sites/:site/*', siteOrigin(deps.db, deps.clock));
  app.use(limitBody(REQUEST_BODY_MAX_BYTES));

  // Alive: the process answers. Ready: the database answers too, within READY_TIMEOUT_MS.
  app.get('/healthz', (c) => c.json({ ok: true }));
  app.get('/readyz', async (c) => {
    const problem = await storageProblem(deps.db, READY_TIMEOUT_MS);
    if (problem === null) return c.json({ ok: true });
    deps.log(`${c.get('requestId')} not ready: ${problem}`);
    return errorResponse(c, new Refusal('storage_unavailable'));
  });
  app.route('/', assetRoutes(deps.assets));
  if (deps.demoPage !== false) app.route('/', demoRoutes(deps.publicUrl));
  app.route('/', adminPageRoutes(deps.assets));
  app.route('/', unsubscribeRoutes(deps));

  if (deps.outbox) app.route('/dev/outbox', devOutboxRoutes(deps.outbox, deps.clientIp));

  // Readers' writes to threads take turns, so that a burst of them does not hold up the reads.
  const threadWrites = writeGate(THREAD_WRITES_AT_ONCE);
  app.use('/api/sites/:site/comments/*', threadWrites);
  app.use('/admin/api/*', adminCsrf(deps.publicUrl));
  app.use('/api/sites/:site/auth/*', limitBody(AUTH_BODY_MAX_BYTES));
  const guards: Record<Access, MiddlewareHandler<AppEnv> | null> = {
    public: null,
    'reader?': optionalUser(deps.db, deps.clock),
    reader: requireUser(deps.db, deps.clock),
    'panel?': null,
    panel: requireAdmin(deps.db, deps.clock, deps.admins),
  };
  for (const [key, spec] of Object.entries(contract)) {
    const guard = guards[spec.access];
    if (guard) app.on(...splitKey(key as keyof typeof contract), guard);
  }

  app.route('/', threadRoutes(deps));
  app.route('/', repliesRoutes(deps));
  app.route('/', countRoutes(deps.db));
  app.route('/', liveRoutes(deps, deps.live ?? new LiveThreads(deps)));
  app.route('/', authRoutes(deps));
  app.route('/', accountRoutes(deps));
  app.route('/', commentRoutes(deps));
  app.route('/', complaintRoutes(deps));
  app.route('/', notificationRoutes(deps));
  app.route('/', adminSessionRoutes(deps));
  app.route('/', adminMeRoutes(deps));
  app.route('/', adminQueueRoutes(deps));
  app.route('/', adminHeldRoutes(deps));
  app.route('/', adminHistoryRoutes(deps));
  app.route('/', adminActionRoutes(deps));
  app.route('/', adminAuditRoutes(deps));
  app.route('/', adminSettingsRoutes(deps));
  app.route('/', adminPageCloseRoutes(deps));
  app.route('/', reactionRoutes(deps));
  app.route('/', adminBanRoutes(deps));
  app.route('/', adminTeamRoutes(deps));

  app.notFound((c) => {
    const allow = allowedMethods(c.req.path);
    if (!allow.length || allow.includes(c.req.method)) {
      return errorResponse(c, new Refusal('not_found', 'No such endpoint.'));
    }
    return errorResponse(
      c,
      new Refusal(
        'method_not_allowed',
        `${c.req.method} is not one of this endpoint's methods: ${allow.join(', ')}.`,
      ),
      { Allow: allow.join(', ') },
    );
  });

  app.onError((error, c) => {
    if (error instanceof Refusal) return errorResponse(c, error);
    // Every password-hashing slot is taken and the queue is full: ask the client to come back.
    if (error instanceof HashingBusy) return errorResponse(c, rateLimited(1));
    const reqId = c.get('requestId');
    // The database, not the request: logged as itself (a full disk says so), answered 503.
    if (isStorageFault(error)) {
      const { code } = error as { code?: unknown };
      deps.log(`${reqId} storage unavailable: ${(error as Error).message} (${String(code ?? '-')})`, {
        level: 'error',
        reqId,
      });
      return errorResponse(c, new Refusal('storage_unavailable'), { 'Retry-After': '5' });
    }
    deps.log(`${reqId} error ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`, {
      level: 'error',
      reqId,
    });
    return errorResponse(c, new Refusal('internal'));
  });

  return app;
}

export type App = ReturnType<typeof createApp>;
