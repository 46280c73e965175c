import { Hono } from 'hono';
import type { Assets } from '../assets.ts';
import type { AppEnv } from '../http/env.ts';
import { Refusal } from '../refusal.ts';

/** Short-lived so a new release reaches every page within minutes. */
const LOADER_CACHE = 'public, max-age=300';
/** Content-hashed file names never change meaning. */
const HASHED_CACHE = 'public, max-age=31536000, immutable';

export function assetRoutes(assets: Assets) {
  const serve = (name: string, cache: string) => {
    const asset = assets.get(name);
    if (!asset) return undefined;
    return new Response(asset.body, {
      headers: {
        'Content-Type': asset.type,
        'Cache-Control': cache,
        // Host pages on any origin import these as module scripts, which browsers fetch with CORS.
        'Access-Control-Allow-Origin': '*',
        'Cross-Origin-Resource-Policy': 'cross-origin',
      },
    });
  };
  return new Hono<AppEnv>()
    .get('/embed.js', () => serve('embed.js', LOADER_CACHE) ?? notBuilt())
    .get('/count.js', () => serve('count.js', LOADER_CACHE) ?? notBuilt())
    .get('/assets/:name', (c) => {
      const response = serve(`assets/${c.req.param('name')}`, HASHED_CACHE);
      if (!response) throw new Refusal('not_found', 'No such asset.');
      return response;
    });
}

function notBuilt(): never {
  throw new Refusal('widget_not_built', 'The widget is not built: run `npm run build`.');
}
