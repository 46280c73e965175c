/**
 * createApp(deps) is the whole HTTP surface. Nothing here opens sockets or reads the environment:
 * main.ts passes real parts, tests pass an in-memory database and a fixed clock.
 */
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import { requestId } from 'hono/request-id';
import { secureHeaders } from 'hono/secure-headers';
import type { Kysely } from 'kysely';
import { REQUEST_BODY_MAX_BYTES } from '../shared/limits.ts';
import type { Assets } from './assets.ts';
import type { VerifyLogin } from './auth/verify-login.ts';
import type { Clock } from './clock.ts';
import type { WebhookSender } from './delivery/webhook.ts';
import { adminCsrf } from './http/admin-csrf.ts';
import { requireAdmin } from './http/admin-session.ts';
import type { IpResolver } from './http/client-ip.ts';
import type { AppEnv } from './http/env.ts';
import { ApiError, errorResponse } from './http/errors.ts';
import { type Logger, requestLog } from './http/request-log.ts';
import { optionalUser, requireUser } from './http/session.ts';
import { siteOrigin } from './http/site-origin.ts';
import { adminActionRoutes } from './routes/admin/actions.ts';
import { adminAuditRoutes } from './routes/admin/audit.ts';
import { adminHistoryRoutes } from './routes/admin/history.ts';
import { adminMeRoutes } from './routes/admin/me.ts';
import { adminQueueRoutes } from './routes/admin/queue.ts';
import { adminSessionRoutes } from './routes/admin/session.ts';
import { assetRoutes } from './routes/assets.ts';
import { commentRoutes } from './routes/comments.ts';
import { complaintRoutes } from './routes/complaints.ts';
import { countRoutes } from './routes/counts.ts';
import { demoRoutes } from './routes/demo.ts';
import { threadRoutes } from './routes/threads.ts';
import type { Database } from './storage/schema.ts';

export interface Deps {
  db: Kysely<Database>;
  clock: Clock;
  assets: Assets;
  /** The server's public origin, e.g. "https://comments.example.kz". */
  publicUrl: string;
  log: Logger;
  /** Normalised contacts that moderate every site (ADMINS). */
  admins: readonly string[];
  clientIp: IpResolver;
  /** Checks an admin-panel sign-in; the account's id when the password matches. */
  verifyLogin: VerifyLogin;
  /** Delivers site webhooks; called after the response, failures only logged. */
  webhook: WebhookSender;
}

export function createApp(deps: Deps) {
  const app = new Hono<AppEnv>();

  app.use(requestId());
  app.use(requestLog(deps.log));
  // The widget's files are loaded by pages of every origin; HTML pages set their own CSP.
  app.use(secureHeaders({ crossOriginResourcePolicy: 'cross-origin', crossOriginEmbedderPolicy: false }));
  app.use(
    bodyLimit({
      maxSize: REQUEST_BODY_MAX_BYTES,
      onError: () => {
        throw new ApiError(
          'payload_too_large',
          `Request bodies are limited to ${REQUEST_BODY_MAX_BYTES} bytes.`,
        );
      },
    }),
  );

  app.get('/healthz', (c) => c.json({ ok: true }));
  app.route('/', assetRoutes(deps.assets));
  app.route('/', demoRoutes(deps.publicUrl));
  app.route('/api/counts', countRoutes(deps.db));

  // Readers' API: the site and its origin first, then who is asking.
  const comments = '/api/sites/:site/comments';
  app.use('/api/sites/:site/*', siteOrigin(deps.db));
  app.on('GET', comments, optionalUser(deps.db, deps.clock));
  app.on(['POST', 'PATCH', 'DELETE'], [comments, `${comments}/*`], requireUser(deps.db, deps.clock));
  app.route(comments, threadRoutes(deps));
  app.route(comments, commentRoutes(deps));
  app.route(`${comments}/:id/complaints`, complaintRoutes(deps));

  // Admin panel API: same origin only. Sign-in and sign-out come before the guard (Hono runs
  // handlers in the order they were added, and those two answer without going further).
  app.use('/admin/api/*', adminCsrf(deps.publicUrl));
  app.route('/admin/api', adminSessionRoutes(deps));
  app.use('/admin/api/*', requireAdmin(deps.db, deps.clock, deps.admins));
  app.route('/admin/api', adminMeRoutes(deps.db));
  app.route('/admin/api', adminQueueRoutes(deps));
  app.route('/admin/api', adminHistoryRoutes(deps));
  app.route('/admin/api', adminActionRoutes(deps));
  app.route('/admin/api', adminAuditRoutes(deps));

  app.notFound((c) => errorResponse(c, new ApiError('not_found', 'No such endpoint.')));

  app.onError((error, c) => {
    if (error instanceof ApiError) return errorResponse(c, error);
    if (error instanceof HTTPException && error.status === 405) {
      return errorResponse(c, new ApiError('method_not_allowed'));
    }
    deps.log(
      `${c.get('requestId')} error ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
    return errorResponse(c, new ApiError('internal'));
  });

  return app;
}

export type App = ReturnType<typeof createApp>;
