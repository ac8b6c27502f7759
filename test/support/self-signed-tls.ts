/**
 * A private CA and a server certificate it signed for 127.0.0.1 and localhost, made with `openssl`
 * in a temp directory: for tests of TLS to Redis.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface SelfSignedTls {
  caFile: string;
  certFile: string;
  keyFile: string;
  remove(): Promise<void>;
}

export async function selfSignedTls(): Promise<SelfSignedTls> {
  const dir = await mkdtemp(join(tmpdir(), 'jobgate-tls-'));
  const at = (name: string) => join(dir, name);
  const days = ['-days', '2'];
  await run('openssl', [
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    at('ca.key'),
    '-out',
    at('ca.crt'),
    ...days,
    '-subj',
    '/CN=jobgate test CA',
  ]);
  await run('openssl', ['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', at('server.key'), '-out', at('server.csr'), '-subj', '/CN=localhost']);
  await run('openssl', [
    'x509',
    '-req',
    '-in',
    at('server.csr'),
    '-CA',
    at('ca.crt'),
    '-CAkey',
    at('ca.key'),
    '-CAcreateserial',
    '-out',
    at('server.crt'),
    ...days,
    '-extfile',
    await extensions(dir),
  ]);
  return { caFile: at('ca.crt'), certFile: at('server.crt'), keyFile: at('server.key'), remove: () => rm(dir, { recursive: true, force: true }) };
}

async function extensions(dir: string): Promise<string> {
  const file = join(dir, 'server.ext');
  await writeFile(file, 'subjectAltName = IP:127.0.0.1, DNS:localhost\n');
  return file;
}
