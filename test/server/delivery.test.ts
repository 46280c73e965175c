import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterEach, describe, expect, it } from 'vitest';
import { smtpEmail } from '../../server/delivery/email-smtp.ts';
import {
  alreadyRegisteredMessage,
  codeMessage,
  type MessageContext,
} from '../../server/delivery/messages.ts';
import { smscSms } from '../../server/delivery/sms-smsc.ts';
import { webhookSms } from '../../server/delivery/sms-webhook.ts';
import { DeliveryError } from '../../server/delivery/transport.ts';
import { mimeParts } from '../helpers/mime.ts';

interface Received {
  method: string;
  url: string;
  contentType: string;
  body: string;
}

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

/** A local HTTP server that records each request and answers with `reply`. */
async function httpServer(reply: (req: Received) => { status: number; body: string } | null) {
  const received: Received[] = [];
  const server: Server = createServer((req: IncomingMessage, res) => {
    let body = '';
    req.on('data', (chunk) => {
      body += chunk;
    });
    req.on('end', () => {
      const request = {
        method: req.method ?? '',
        url: req.url ?? '',
        contentType: req.headers['content-type'] ?? '',
        body,
      };
      received.push(request);
      const answer = reply(request);
      if (!answer) return; // never answer: a stalled gateway
      res.writeHead(answer.status, { 'content-type': 'application/json' });
      res.end(answer.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(
    () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, received };
}

describe('SMS webhook', () => {
  it('POSTs {"to", "text"} as JSON', async () => {
    const gateway = await httpServer(() => ({ status: 204, body: '' }));
    await webhookSms(`${gateway.url}/sms`).sendSms('+77011234567', 'Код 123456');
    expect(gateway.received).toEqual([
      {
        method: 'POST',
        url: '/sms',
        contentType: 'application/json',
        body: JSON.stringify({ to: '+77011234567', text: 'Код 123456' }),
      },
    ]);
  });

  it('fails on a non-2xx answer and on silence past the timeout', async () => {
    const refusing = await httpServer(() => ({ status: 500, body: '{}' }));
    await expect(webhookSms(refusing.url).sendSms('+77011234567', 'x')).rejects.toThrow(
      new DeliveryError('SMS webhook answered 500'),
    );
    const silent = await httpServer(() => null);
    await expect(webhookSms(silent.url, 200).sendSms('+77011234567', 'x')).rejects.toThrow(
      /SMS webhook did not answer/,
    );
  });
});

describe('SMSC.kz gateway', () => {
  const options = (baseUrl: string) => ({ login: 'news', password: 's3cret', sender: 'NEWS', baseUrl });

  it('sends the form its HTTP API describes and accepts {"id", "cnt"}', async () => {
    const gateway = await httpServer(() => ({ status: 200, body: '{"id": 42, "cnt": 1}' }));
    await smscSms(options(gateway.url)).sendSms('+77011234567', 'Код 123456 для News');
    const [request] = gateway.received;
    expect(request).toMatchObject({ method: 'POST', url: '/sys/send.php' });
    expect(request!.contentType).toMatch(/^application\/x-www-form-urlencoded/);
    expect(Object.fromEntries(new URLSearchParams(request!.body))).toEqual({
      login: 'news',
      psw: 's3cret',
      phones: '+77011234567',
      mes: 'Код 123456 для News',
      charset: 'utf-8',
      fmt: '3',
      sender: 'NEWS',
    });
  });

  it('treats {"error", "error_code"} (sent with 200) and HTTP errors as failures', async () => {
    const refusing = await httpServer(() => ({
      status: 200,
      body: '{"error": "authorise error", "error_code": 2}',
    }));
    await expect(smscSms(options(refusing.url)).sendSms('+77011234567', 'x')).rejects.toThrow(
      /SMSC refused the SMS: error 2 authorise error/,
    );
    const broken = await httpServer(() => ({ status: 503, body: 'busy' }));
    await expect(smscSms(options(broken.url)).sendSms('+77011234567', 'x')).rejects.toThrow(DeliveryError);
  });
});

describe('email over SMTP', () => {
  async function smtpServer(refuse = false) {
    const received: { from: string; to: string[]; data: string }[] = [];
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onRcptTo(address, _session, callback) {
        callback(refuse ? new Error(`no mailbox ${address.address}`) : undefined);
      },
      onData(stream, session, callback) {
        let data = '';
        stream.on('data', (chunk: Buffer) => {
          data += chunk.toString('utf8');
        });
        stream.on('end', () => {
          received.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((r) => r.address),
            data,
          });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    closers.push(() => new Promise((resolve) => server.close(() => resolve())));
    const port = (server.server.address() as AddressInfo).port;
    return { url: `smtp://127.0.0.1:${port}`, received };
  }

  const ctx: MessageContext = {
    lang: 'ru',
    channel: 'email',
    to: 'reader@mail.kz',
    siteName: 'Деловой <портал> & Co',
    pageHost: null,
  };

  it('delivers a localised code with a plain-text and an escaped HTML part', async () => {
    const smtp = await smtpServer();
    const transport = smtpEmail(smtp.url, 'Pikir <no-reply@example.kz>');
    const message = codeMessage(ctx, 'register', '042424');
    if (message.channel !== 'email') throw new Error('expected an email');
    await transport.sendEmail(message);
    transport.close();

    const [mail] = smtp.received;
    expect(mail).toMatchObject({ from: 'no-reply@example.kz', to: ['reader@mail.kz'] });
    const parts = mimeParts(mail!.data);
    const text = parts.find((p) => p.type === 'text/plain')!.body;
    const html = parts.find((p) => p.type === 'text/html')!.body;
    expect(text).toContain('Ваш код доступа: 042424');
    expect(text).toContain('Код действует 10 минут.');
    expect(text).toContain('Это письмо отправлено сервисом комментариев Деловой <портал> & Co.');
    expect(html).toContain('<html lang="ru">');
    expect(html).toContain('042424');
    expect(html).toContain('Деловой &lt;портал&gt; &amp; Co');
    expect(html).not.toContain('<портал>');
  });

  it('fails with a DeliveryError when the server refuses the recipient', async () => {
    const smtp = await smtpServer(true);
    const transport = smtpEmail(smtp.url, 'no-reply@example.kz');
    const message = alreadyRegisteredMessage({ ...ctx, lang: 'en' });
    if (message.channel !== 'email') throw new Error('expected an email');
    await expect(transport.sendEmail(message)).rejects.toThrow(DeliveryError);
    transport.close();
  });
});

describe('message texts', () => {
  it('hold nothing but fixed text, the site name and the code, in each language', () => {
    for (const lang of ['ru', 'kk', 'en'] as const) {
      const sms = codeMessage(
        { lang, channel: 'phone', to: '+77011234567', siteName: 'News', pageHost: null },
        'reset',
        '987654',
      );
      expect(sms.channel).toBe('phone');
      if (sms.channel !== 'phone') continue;
      expect(sms.text).toContain('987654');
      expect(sms.text).toContain('News');
      expect(sms.text).not.toMatch(/[{}]/);
    }
  });
});
