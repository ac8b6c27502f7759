import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { deliverWebhook } from './deliver';
import { SsrfPolicy } from './ssrf';

const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const local = new SsrfPolicy({ allowedCidrs: ['127.0.0.0/8'] });
const strict = new SsrfPolicy();
const body = JSON.stringify({ type: 'job.succeeded', timestamp: '2024-01-01T00:00:00.000Z', data: { id: 'j1', name: 'ünï' } });

/** A receiver on 127.0.0.1 whose answer each test sets; it records what arrived. */
describe('deliverWebhook', () => {
  let server: Server;
  let port = 0;
  let answer: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => res.end();
  const received: { headers: IncomingMessage['headers']; body: string; url: string }[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      let text = '';
      req.on('data', (c) => (text += c));
      req.on('end', () => {
        received.push({ headers: req.headers, body: text, url: req.url ?? '' });
        answer(req, res);
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    port = (server.address() as AddressInfo).port;
  });
  beforeEach(() => {
    received.length = 0;
  });
  afterAll(() => new Promise((r) => server.close(r)));

  const send = (url: string, policy = local, extra = {}) => deliverWebhook({ url, id: 'msg_0123', body }, { secret, policy, ...extra });

  it('POSTs the exact bytes, signed so that standardwebhooks verifies them', async () => {
    answer = (_req, res) => {
      res.statusCode = 204;
      res.end();
    };
    const result = await send(`http://127.0.0.1:${port}/hook`);
    expect(result).toMatchObject({ outcome: 'delivered', statusCode: 204, error: null });
    expect(received[0]!.body).toBe(body);
    expect(received[0]!.headers['content-type']).toBe('application/json');
    const headers = received[0]!.headers as Record<string, string>;
    expect(new Webhook(secret).verify(received[0]!.body, headers)).toEqual(JSON.parse(body));
    expect(headers['webhook-id']).toBe('msg_0123');
  });

  it('retries on 5xx and on redirects, which it never follows; stops on 410', async () => {
    answer = (_req, res) => {
      res.statusCode = 500;
      res.end('boom');
    };
    expect(await send(`http://127.0.0.1:${port}/a`)).toMatchObject({ outcome: 'retry', statusCode: 500, error: 'receiver answered HTTP 500' });
    answer = (req, res) => {
      res.writeHead(req.url === '/moved' ? 200 : 302, { location: `http://127.0.0.1:${port}/moved` });
      res.end();
    };
    expect(await send(`http://127.0.0.1:${port}/a`)).toMatchObject({ outcome: 'retry', statusCode: 302 });
    expect(received.map((r) => r.url)).toEqual(['/a', '/a']);
    answer = (_req, res) => {
      res.statusCode = 410;
      res.end();
    };
    expect(await send(`http://127.0.0.1:${port}/a`)).toMatchObject({ outcome: 'gone', statusCode: 410 });
  });

  it('gives up on a receiver that does not answer in time', async () => {
    answer = () => undefined; // never answers
    const result = await send(`http://127.0.0.1:${port}/slow`, local, { timeoutMs: 200 });
    expect(result).toMatchObject({ outcome: 'retry', statusCode: null, error: expect.stringMatching(/within 200 ms/) });
    expect(result.latencyMs).toBeGreaterThanOrEqual(190);
  });

  it('gives up on a receiver that sends headers but never finishes the body', async () => {
    answer = (_req, res) => {
      res.writeHead(200);
      res.write('partial');
    };
    const result = await send(`http://127.0.0.1:${port}/trickle`, local, { timeoutMs: 200 });
    expect(result).toMatchObject({ outcome: 'retry', statusCode: null });
  });

  it('refuses a loopback literal outside WEBHOOK_ALLOWED_CIDRS without connecting', async () => {
    expect(await send(`http://127.0.0.1:${port}/x`, strict)).toMatchObject({ outcome: 'refused', statusCode: null });
    expect(await send(`http://[::ffff:127.0.0.1]:${port}/x`, strict)).toMatchObject({ outcome: 'refused' });
    expect(received).toHaveLength(0);
  });

  it('checks the addresses a name resolves to at connect time (a rebind to a refused address is caught)', async () => {
    const resolveTo = (address: string) => async () => [{ address, family: 4 }];
    answer = (_req, res) => res.end();
    expect(await send(`http://hooks.test:${port}/x`, local, { resolve: resolveTo('127.0.0.1') })).toMatchObject({ outcome: 'delivered' });
    const rebound = await send(`http://hooks.test:${port}/x`, local, { resolve: resolveTo('169.254.169.254') });
    expect(rebound).toMatchObject({ outcome: 'refused', error: 'refused by the webhook address policy: host hooks.test is not allowed' });
    expect(await send(`http://hooks.test:${port}/x`, strict, { resolve: resolveTo('127.0.0.1') })).toMatchObject({ outcome: 'refused' });
    expect(received).toHaveLength(1);
  });

  it('refuses non-http schemes', async () => {
    expect(await send('ftp://127.0.0.1/x')).toMatchObject({ outcome: 'refused', error: expect.stringMatching(/scheme ftp/) });
  });
});
