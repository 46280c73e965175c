/**
 * The live thread (shared/contract/live.ts): a page's changes as Server-Sent Events, from the
 * instance's fan-out (live/hub.ts). The site's origin check runs before, as for every reader
 * endpoint; there is no session: the stream carries what anonymous readers see.
 */
import type { Deps } from '../deps.ts';
import { networkOf } from '../http/client-ip.ts';
import { Endpoints } from '../http/endpoint.ts';
import type { LiveThreads, StreamSink } from '../live/hub.ts';
import { Refusal } from '../refusal.ts';

export function liveRoutes(deps: Pick<Deps, 'clientIp'>, live: LiveThreads) {
  return new Endpoints().endpoint('GET /api/sites/:site/pages/events', async (c, { query }) => {
    const site = c.get('site');
    const lastEventId = c.req.header('last-event-id');
    const resume = lastEventId !== undefined && lastEventId !== '' ? lastEventId : query.since;
    if (resume !== undefined && !/^\d{1,15}$/.test(resume)) {
      throw new Refusal('invalid_request', 'Last-Event-ID must be a version number, as the stream sent it.');
    }
    const headers = {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache, no-transform',
      // nginx buffers proxied answers unless told not to; a buffered event arrives late or never.
      'X-Accel-Buffering': 'no',
    };
    // A HEAD's body is dropped unread, so nothing would ever close a stream opened for it.
    if (c.req.method === 'HEAD') return c.body(null, 200, headers);
    let controller!: ReadableStreamDefaultController<Uint8Array>;
    let close = () => {};
    let ended = false;
    const body = new ReadableStream<Uint8Array>({
      start: (ctl) => {
        controller = ctl;
      },
      cancel: () => {
        // The client went away: the controller is closed, and nothing may be sent to it any more.
        ended = true;
        close();
      },
    });
    const sink: StreamSink = {
      send: (chunk) => {
        if (!ended) controller.enqueue(chunk);
      },
      backlog: () => -(controller.desiredSize ?? 0),
      end: () => {
        if (ended) return;
        ended = true;
        controller.close();
      },
    };
    close = await live.open(
      site.id,
      query.page,
      resume === undefined ? null : Number(resume),
      networkOf(deps.clientIp(c)),
      sink,
    );
    c.req.raw.signal.addEventListener('abort', () => close(), { once: true });
    return c.body(body, 200, headers);
  });
}
