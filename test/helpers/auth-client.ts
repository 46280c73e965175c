/** Small request helpers for the account API, as the widget would call it. */
import type { App } from '../../server/app.ts';
import { fillPath, splitKey } from '../../shared/contract/endpoint.ts';
import type { Endpoint } from '../../shared/contract/index.ts';
import { DEFAULT_TEST_IP, ORIGIN, SITE, TEST_IP_HEADER } from './test-app.ts';

export interface RequestOptions {
  ip?: string;
  token?: string;
  origin?: string;
  site?: string;
}

export function post(app: App, path: string, body: unknown, options: RequestOptions = {}): Promise<Response> {
  return Promise.resolve(
    app.request(path, {
      method: 'POST',
      headers: headers(options, { 'content-type': 'application/json' }),
      body: JSON.stringify(body),
    }),
  );
}

export function get(app: App, path: string, options: RequestOptions = {}): Promise<Response> {
  return Promise.resolve(app.request(path, { headers: headers(options) }));
}

function headers(options: RequestOptions, extra: Record<string, string> = {}): Record<string, string> {
  return {
    origin: options.origin ?? ORIGIN,
    [TEST_IP_HEADER]: options.ip ?? DEFAULT_TEST_IP,
    ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
    ...extra,
  };
}

/** The path of an endpoint of the contract on the test site. */
export const pathOf = (key: Endpoint, params: Record<string, string> = {}) =>
  fillPath(splitKey(key)[1], { site: SITE, ...params });

export const paths = {
  registerStart: pathOf('POST /api/sites/:site/auth/register'),
  registerConfirm: pathOf('POST /api/sites/:site/auth/register/confirm'),
  resend: pathOf('POST /api/sites/:site/auth/code/resend'),
  login: pathOf('POST /api/sites/:site/auth/login'),
  logout: pathOf('POST /api/sites/:site/auth/logout'),
  me: pathOf('GET /api/sites/:site/auth/me'),
  resetStart: pathOf('POST /api/sites/:site/auth/reset'),
  resetVerify: pathOf('POST /api/sites/:site/auth/reset/verify'),
  resetFinish: pathOf('POST /api/sites/:site/auth/reset/finish'),
};

export const PASSWORD = 'Zq8vLm2kPx';

export function channelOf(contact: string): 'email' | 'phone' {
  return contact.includes('@') ? 'email' : 'phone';
}
