/**
 * The methods the contract (shared/contract/) offers at a path: a request with another method on
 * a known path is answered 405 with them in Allow (RFC 9110 15.5.6), not 404 as if the path did
 * not exist. Hono itself answers every unmatched request as not found.
 */
import { splitKey } from '../../shared/contract/endpoint.ts';
import { contract, type Endpoint } from '../../shared/contract/index.ts';

const routes = Object.keys(contract).map((key) => {
  const [method, path] = splitKey(key as Endpoint);
  return { method, pattern: new RegExp(`^${path.replace(/:\w+/g, '[^/]+')}$`) };
});

/** The methods offered at `path` (HEAD wherever GET is), or none when no endpoint has it. */
export function allowedMethods(path: string): string[] {
  const methods = new Set<string>(routes.filter((r) => r.pattern.test(path)).map((r) => r.method));
  if (methods.has('GET')) methods.add('HEAD');
  return ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'].filter((m) => methods.has(m));
}
