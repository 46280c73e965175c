/**
 * A fetch double of the admin JSON API (shared/api.ts `adminPaths`), kept in memory. It holds to
 * the contract the real server does: the cookie session, the X-Pikir-Admin header on unsafe
 * requests, per-site queues in the order it was given (the server's order), actions answered
 * with the item as it stands after them, and an audit log, newest first. Every request is kept
 * in `requests` for the tests to read; `failNext` makes the next matching request fail.
 */
import type {
  AdminLogin,
  AdminMe,
  AuditEntry,
  AuthorHistory,
  ModerationAction,
  QueueItem,
  SiteEvent,
} from '../../shared/api.ts';
import { type ErrorCode, errorStatus } from '../../shared/errors.ts';

export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: Headers;
  credentials: RequestCredentials | undefined;
  body: unknown;
}

export interface Account {
  channel: AdminLogin['channel'];
  contact: string;
  password: string;
  me: AdminMe;
}

const DAY = 24 * 3600_000;
export const NOW = Date.UTC(2026, 10, 24, 12, 0, 0);

export function fakeAdminApi(
  options: {
    accounts?: Account[];
    /** Signed in from the start as this account (a cookie left from an earlier visit). */
    signedInAs?: AdminMe;
    items?: QueueItem[];
    audit?: AuditEntry[];
    events?: SiteEvent[];
    history?: Record<string, AuthorHistory>;
    pageSize?: number;
  } = {},
) {
  const accounts = options.accounts ?? [];
  let session: AdminMe | null = options.signedInAs ?? null;
  const items = [...(options.items ?? [])];
  const audit = [...(options.audit ?? [])];
  const pageSize = options.pageSize ?? 20;
  const requests: RecordedRequest[] = [];
  const failures: { method: string; path: string; code: ErrorCode | 'offline' }[] = [];
  let auditSeq = 0;

  const json = (status: number, body: unknown) =>
    new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
  const fail = (code: ErrorCode) => json(errorStatus[code], { error: { code, message: `double: ${code}` } });

  const page = <T>(list: T[], cursor: string | null) => {
    const start = cursor ? Number(cursor) : 0;
    const slice = list.slice(start, start + pageSize);
    const next = start + pageSize < list.length ? String(start + pageSize) : null;
    return { slice, next };
  };

  function act(item: QueueItem, body: ModerationAction, actor: AdminMe): QueueItem {
    const status = { dismiss: 'published', hide: 'hidden', delete: 'deleted' } as const;
    const banned = body.ban
      ? {
          until: body.ban.duration === 'forever' ? null : NOW + (body.ban.duration === '1d' ? 1 : 7) * DAY,
          reason: body.ban.reason,
        }
      : item.author.banned;
    const updated: QueueItem = {
      ...item,
      state: 'closed',
      comment: {
        ...item.comment,
        status: status[body.action],
        text: body.action === 'delete' ? '' : item.comment.text,
      },
      author: { ...item.author, banned },
    };
    const entry = (action: AuditEntry['action'], reason: string | null): AuditEntry => ({
      id: `audit-${++auditSeq}`,
      site: item.site,
      actor: actor.user,
      action,
      commentId: action === 'ban' ? null : item.comment.id,
      targetUserId: item.author.id,
      reason,
      createdAt: NOW + auditSeq,
    });
    audit.unshift(entry(body.action, body.reason ?? null));
    if (body.ban) audit.unshift(entry('ban', body.ban.reason));
    return updated;
  }

  async function handle(
    method: string,
    path: string,
    query: URLSearchParams,
    headers: Headers,
    body: unknown,
  ) {
    const unsafe = method !== 'GET';
    // The real server's CSRF guard: no custom header, no action.
    if (unsafe && headers.get('X-Pikir-Admin') !== '1') return fail('forbidden');

    if (method === 'POST' && path === '/admin/api/login') {
      const login = body as AdminLogin;
      const account = accounts.find(
        (a) => a.channel === login.channel && a.contact === login.contact && a.password === login.password,
      );
      if (!account) return fail('invalid_credentials');
      if (account.me.sites.length === 0) return fail('forbidden');
      session = account.me;
      return json(200, account.me);
    }
    if (method === 'GET' && path === '/admin/api/me')
      return session ? json(200, session) : fail('unauthorized');

    const me = session;
    if (!me) return fail('unauthorized');
    const mine = (site: string | null) => site !== null && me.sites.some((s) => s.id === site);

    if (method === 'POST' && path === '/admin/api/logout') {
      session = null;
      return new Response(null, { status: 204 });
    }
    if (method === 'GET' && path === '/admin/api/queue') {
      const site = query.get('site');
      if (!mine(site)) return fail('forbidden');
      const state = query.get('status') ?? 'open';
      const list = items.filter((item) => item.site === site && item.state === state);
      const { slice, next } = page(list, query.get('cursor'));
      return json(200, { items: slice, nextCursor: next });
    }
    const history = path.match(/^\/admin\/api\/users\/([^/]+)\/history$/);
    if (method === 'GET' && history) {
      if (!mine(query.get('site'))) return fail('forbidden');
      const userId = decodeURIComponent(history[1]!);
      return json(200, options.history?.[userId] ?? { comments: [], actions: [] });
    }
    const action = path.match(/^\/admin\/api\/comments\/([^/]+)\/actions$/);
    if (method === 'POST' && action) {
      const request = body as ModerationAction;
      const index = items.findIndex((item) => item.comment.id === decodeURIComponent(action[1]!));
      const item = items[index];
      if (!item || item.site !== request.site) return fail('not_found');
      if (!mine(item.site)) return fail('forbidden');
      if (!['dismiss', 'hide', 'delete'].includes(request.action)) return fail('invalid_request');
      if (request.ban && !request.ban.reason?.trim()) return fail('invalid_request');
      const updated = act(item, request, me);
      items[index] = updated;
      return json(200, updated);
    }
    if (method === 'GET' && path === '/admin/api/events') {
      if (!mine(query.get('site'))) return fail('forbidden');
      return json(200, { events: options.events ?? [] });
    }
    if (method === 'GET' && path === '/admin/api/audit') {
      const site = query.get('site');
      if (!mine(site)) return fail('forbidden');
      const { slice, next } = page(
        audit.filter((e) => e.site === site),
        query.get('cursor'),
      );
      return json(200, { entries: slice, nextCursor: next });
    }
    return fail('not_found');
  }

  const fetchDouble = async (input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> => {
    const url = new URL(String(input), 'https://comments.example.kz');
    const method = (init.method ?? 'GET').toUpperCase();
    const headers = new Headers(init.headers);
    const body = typeof init.body === 'string' && init.body !== '' ? JSON.parse(init.body) : undefined;
    requests.push({
      method,
      path: url.pathname,
      query: url.searchParams,
      headers,
      credentials: init.credentials,
      body,
    });
    const failure = failures.findIndex((f) => f.method === method && url.pathname.startsWith(f.path));
    if (failure >= 0) {
      const [f] = failures.splice(failure, 1);
      if (f!.code === 'offline') throw new TypeError('Failed to fetch');
      return fail(f!.code);
    }
    return handle(method, url.pathname, url.searchParams, headers, body);
  };

  return {
    fetch: fetchDouble as typeof fetch,
    requests,
    items,
    audit,
    /** The next `method` request whose path starts with `path` fails with `code`. */
    failNext(method: string, path: string, code: ErrorCode | 'offline') {
      failures.push({ method, path, code });
    },
    /** The server forgets the session, as when it expires. */
    endSession() {
      session = null;
    },
  };
}

export type FakeAdminApi = ReturnType<typeof fakeAdminApi>;

// Fixtures ------------------------------------------------------------------------------------

export const moderator: AdminMe = {
  user: { id: 'u-admin', name: 'Айгерим Модератор' },
  sites: [
    { id: 'news', name: 'Деловой портал' },
    { id: 'sport', name: 'Спорт' },
  ],
};

let seq = 0;

export function queueItem(
  overrides: {
    id?: string;
    site?: string;
    text?: string;
    author?: Partial<QueueItem['author']>;
    page?: Partial<QueueItem['page']>;
    complaints?: QueueItem['complaints'];
    state?: QueueItem['state'];
  } = {},
): QueueItem {
  const id = overrides.id ?? `c${++seq}`;
  return {
    site: overrides.site ?? 'news',
    state: overrides.state ?? 'open',
    comment: {
      id,
      parentId: null,
      author: { id: overrides.author?.id ?? `author-${id}`, name: overrides.author?.name ?? 'Ерлан' },
      text: overrides.text ?? `Текст комментария ${id}`,
      createdAt: NOW - 3 * 3600_000,
      editedAt: null,
      status: 'review',
    },
    page: {
      key: 'article-1',
      title: 'Нацбанк сохранил базовую ставку',
      url: 'https://news.example.kz/articles/1',
      ...overrides.page,
    },
    author: {
      id: `author-${id}`,
      name: 'Ерлан',
      contact: '+77011234567',
      banned: null,
      ...overrides.author,
    },
    complaints: overrides.complaints ?? [
      {
        reason: 'spam',
        details: null,
        reporter: { id: 'r1', name: 'Читатель 1' },
        createdAt: NOW - 3600_000,
      },
    ],
  };
}
