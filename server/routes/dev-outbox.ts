import { Hono } from 'hono';
import { html } from 'hono/html';
import type { Outbox } from '../delivery/log.ts';
import type { ClientIp } from '../http/client-ip.ts';
import type { AppEnv } from '../http/env.ts';
import { Refusal } from '../refusal.ts';

function isLoopback(ip: string): boolean {
  return /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/i.test(ip);
}

/**
 * GET /dev/outbox: what the log transports "sent", newest first, so a developer (or an end-to-end
 * test, with ?format=json) can read the codes. app.ts mounts it only outside production.
 */
export function devOutboxRoutes(outbox: Outbox, clientIp: ClientIp) {
  return new Hono<AppEnv>().get('/', (c) => {
    // Codes are secrets: even in development only this machine may read them.
    if (!isLoopback(clientIp(c))) throw new Refusal('not_found', 'No such endpoint.');
    c.header('Cache-Control', 'no-store');
    const entries = outbox.list();
    if (c.req.query('format') === 'json' || /application\/json/.test(c.req.header('accept') ?? '')) {
      return c.json({ messages: entries });
    }
    c.header('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'");
    return c.html(html`<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Pikir dev outbox</title>
<style>body{font:15px system-ui,sans-serif;margin:20px}li{margin:10px 0;white-space:pre-wrap}small{color:#666}</style>
</head>
<body>
<h1>Dev outbox</h1>
<p>Messages the <code>log</code> transports would have sent, newest first. Development only.</p>
${entries.length === 0 ? html`<p>Nothing sent yet.</p>` : ''}
<ol>
${entries.map(
  (e) =>
    html`<li><small>${new Date(e.at).toISOString()} · ${e.channel} → ${e.to}</small>${e.subject ? html`<br><b>${e.subject}</b>` : ''}<br>${e.text}</li>`,
)}
</ol>
</body>
</html>`);
  });
}
