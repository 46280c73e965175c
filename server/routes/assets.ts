import { type Context, Hono } from 'hono';
import type { Assets } from '../assets.ts';
import { type Encoding, pickEncoding } from '../http/compression.ts';
import type { AppEnv } from '../http/env.ts';
import { Refusal } from '../refusal.ts';

/** Short-lived so a new release reaches every page within minutes. */
const LOADER_CACHE = 'public, max-age=300';
/** Content-hashed file names never change meaning. */
const HASHED_CACHE = 'public, max-age=31536000, immutable';

export function assetRoutes(assets: Assets) {
  const serve = (c: Context<AppEnv>, name: string, cache: string) => {
    const asset = assets.get(name);
    if (!asset) return undefined;
    const encoding = pickEncoding(c.req.header('accept-encoding'), Object.keys(asset.encoded) as Encoding[]);
    return new Response(encoding ? asset.encoded[encoding]! : asset.body, {
      headers: {
        'Content-Type': asset.type,
        ...(encoding ? { 'Content-Encoding': encoding } : {}),
        Vary: 'Accept-Encoding',
        'Cache-Control': cache,
        // Host pages on any origin import these as module scripts, which browsers fetch with CORS.
        'Access-Control-Allow-Origin': '*',
        'Cross-Origin-Resource-Policy': 'cross-origin',
      },
    });
  };
  return new Hono<AppEnv>()
    .get('/embed.js', (c) => serve(c, 'embed.js', LOADER_CACHE) ?? notBuilt())
    .get('/count.js', (c) => serve(c, 'count.js', LOADER_CACHE) ?? notBuilt())
    .get('/assets/:name', (c) => {
      const response = serve(c, `assets/${c.req.param('name')}`, HASHED_CACHE);
      if (!response) throw new Refusal('not_found', 'No such asset.');
      return response;
    });
}

function notBuilt(): never {
  throw new Refusal('widget_not_built', 'The widget is not built: run `npm run build`.');
}
