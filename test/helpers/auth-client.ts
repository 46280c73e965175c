/** Small request helpers for the account API, as the widget would call it. */
import type { App } from '../../server/app.ts';
import { authPaths } from '../../shared/api.ts';
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

export const paths = {
  registerStart: authPaths.registerStart(SITE),
  registerConfirm: authPaths.registerConfirm(SITE),
  resend: authPaths.resend(SITE),
  login: authPaths.login(SITE),
  logout: authPaths.logout(SITE),
  me: authPaths.me(SITE),
  resetStart: authPaths.resetStart(SITE),
  resetVerify: authPaths.resetVerify(SITE),
  resetFinish: authPaths.resetFinish(SITE),
};

export const PASSWORD = 'Zq8vLm2kPx';

export function channelOf(contact: string): 'email' | 'phone' {
  return contact.includes('@') ? 'email' : 'phone';
}
