import { createSocket, type Socket } from 'node:dgram';
import { promises as dns } from 'node:dns';
import type { AddressInfo } from 'node:net';
import { ModelArtsClient } from '@jobgate/modelarts';
import { deliverWebhook, dnsResolver, SsrfPolicy, vetWebhookUrl } from '@jobgate/webhooks';
import { createSimulator, type Simulator } from '../../../test/support/simulator';

/**
 * A receiver whose nameserver never answers must not stall anything else: webhook hosts are
 * resolved by c-ares on the event loop, not by getaddrinfo on libuv's 4-thread pool, which
 * ModelArts calls (to a named endpoint), file I/O and database reconnects share.
 */
describe('webhook host lookups against a nameserver that never answers', () => {
  let blackhole: Socket;
  let queries = 0;
  let simulator: Simulator;
  let endpoint: string;

  beforeAll(async () => {
    blackhole = createSocket('udp4');
    blackhole.on('message', () => queries++); // read, never answered
    await new Promise<void>((resolve) => blackhole.bind(0, '127.0.0.1', resolve));
    simulator = createSimulator();
    const url = await simulator.listen(0, '127.0.0.1');
    // By name, so every new connection looks `localhost` up with getaddrinfo on the thread pool.
    endpoint = url.replace('127.0.0.1', 'localhost');
  });
  afterAll(async () => {
    blackhole.close();
    await simulator.close();
  });

  it('keeps ModelArts calls and thread-pool lookups flowing while 16 webhook lookups hang, then refuses them as "not allowed"', async () => {
    const resolve = dnsResolver({ servers: [`127.0.0.1:${(blackhole.address() as AddressInfo).port}`], timeoutMs: 1_500, tries: 2 });
    const policy = new SsrfPolicy();
    const started = performance.now();
    const vetted = Array.from({ length: 8 }, (_, i) => vetWebhookUrl(`https://hooks-${i}.receiver.test/`, policy, resolve));
    const delivered = Array.from({ length: 8 }, (_, i) =>
      deliverWebhook(
        { url: `https://hooks-${i}.receiver.test/x`, id: `msg_${i}`, body: '{}' },
        { secret: `whsec_${Buffer.alloc(24, 7).toString('base64')}`, policy, resolve },
      ),
    );
    let settled = false;
    void Promise.all([...vetted, ...delivered]).then(() => (settled = true));

    const client = new ModelArtsClient({ endpoint, projectId: 'sim-project', auth: { apply: async () => undefined } });
    const calls = await Promise.all([
      ...Array.from({ length: 10 }, (_, i) => client.findJobByName(`nobody-${i}`)),
      ...Array.from({ length: 8 }, () => dns.lookup('localhost')),
    ]);
    const flowingMs = performance.now() - started;
    expect(calls.slice(0, 10)).toEqual(Array(10).fill(null));
    expect(flowingMs).toBeLessThan(1_500); // within one query timeout of the hanging resolver (tens of ms when idle)
    expect(settled).toBe(false); // the webhook lookups were still waiting meanwhile

    const verdicts = await Promise.all(vetted);
    expect(verdicts).toEqual(
      Array.from({ length: 8 }, (_, i) => ({
        ok: false,
        reason: `host hooks-${i}.receiver.test is not allowed: it must resolve to addresses webhooks may reach`,
        detail: 'does not resolve (ETIMEOUT)',
      })),
    );
    expect((await Promise.all(delivered)).map((r) => r.outcome)).toEqual(Array(8).fill('retry'));
    expect(performance.now() - started).toBeLessThan(8_000); // 1.5 s × 2 tries, A and AAAA at once
    expect(queries).toBeGreaterThanOrEqual(16);
  });
});
