/**
 * createApp(deps) is the whole HTTP surface. Nothing here opens sockets or reads the environment:
 * main.ts passes real parts, tests pass an in-memory database and a fixed clock.
 */
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import { requestId } from 'hono/request-id';
import { secureHeaders } from 'hono/secure-headers';
import { REQUEST_BODY_MAX_BYTES } from '../shared/limits.ts';
import { HashingBusy } from './auth/passwords.ts';
import type { Deps } from './deps.ts';
import { adminCsrf } from './http/admin-csrf.ts';
import { requireAdmin } from './http/admin-session.ts';
import type { AppEnv } from './http/env.ts';
import { ApiError, errorResponse, rateLimited } from './http/errors.ts';
import { requestLog } from './http/request-log.ts';
import { optionalUser, requireUser } from './http/session.ts';
import { siteOrigin } from './http/site-origin.ts';
import { adminActionRoutes } from './routes/admin/actions.ts';
import { adminAuditRoutes } from './routes/admin/audit.ts';
import { adminHistoryRoutes } from './routes/admin/history.ts';
import { adminMeRoutes } from './routes/admin/me.ts';
import { adminQueueRoutes } from './routes/admin/queue.ts';
import { adminSessionRoutes } from './routes/admin/session.ts';
import { adminPageRoutes } from './routes/admin-page.ts';
import { assetRoutes } from './routes/assets.ts';
import { authRoutes } from './routes/auth.ts';
import { commentRoutes } from './routes/comments.ts';
import { complaintRoutes } from './routes/complaints.ts';
import { countRoutes } from './routes/counts.ts';
import { demoRoutes } from './routes/demo.ts';
import { devOutboxRoutes } from './routes/dev-outbox.ts';
import { threadRoutes } from './routes/threads.ts';

/** Auth requests are small; a tighter cap than comments leaves less room for hashing floods. */
const AUTH_BODY_MAX_BYTES = 16 * 1024;

export function createApp(deps: Deps) {
  const app = new Hono<AppEnv>();

  app.use(requestId());
  app.use(requestLog(deps.log));
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
  app.route('/', adminPageRoutes(deps.assets));
  app.route('/api/counts', countRoutes(deps.db));

  if (deps.outbox) app.route('/dev/outbox', devOutboxRoutes(deps.outbox, deps.clientIp));

  app.use('/api/sites/:site/*', siteOrigin(deps.db));
  app.use(
    '/api/sites/:site/auth/*',
    bodyLimit({
      maxSize: AUTH_BODY_MAX_BYTES,
      onError: () => {
        throw new ApiError(
          'payload_too_large',
          `Request bodies are limited to ${AUTH_BODY_MAX_BYTES} bytes.`,
        );
      },
    }),
  );
  app.route('/api/sites/:site/auth', authRoutes(deps));

  // Readers' API: the site and its origin first, then who is asking.
  const comments = '/api/sites/:site/comments';
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
    // Every password-hashing slot is taken and the queue is full: ask the client to come back.
    if (error instanceof HashingBusy) return errorResponse(c, rateLimited(1));
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
