import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from './load-config';
import { readEnvFile } from './read-env-file';

describe('readEnvFile', () => {
  const dir = mkdtempSync(join(tmpdir(), 'jobgate-env-'));

  it('reads dotenv syntax: comments, quotes, export, empty values', () => {
    const path = join(dir, '.env');
    writeFileSync(path, '# local settings\nPORT=9090\nexport LOG_LEVEL=debug\nWEBHOOK_URL=\nAPI_KEYS="key-one-0123456789abcdef,key-two-0123456789abcdef"\n');
    expect(readEnvFile(path)).toEqual({ PORT: '9090', LOG_LEVEL: 'debug', WEBHOOK_URL: '', API_KEYS: 'key-one-0123456789abcdef,key-two-0123456789abcdef' });
  });

  it('is empty when there is no file', () => {
    expect(readEnvFile(join(dir, 'missing.env'))).toEqual({});
  });

  it('lets the real environment win when spread before it', () => {
    const path = join(dir, 'precedence.env');
    writeFileSync(path, 'PORT=9090\nAPI_KEYS=file-key-0123456789abcdef\n');
    const result = loadConfig({ ...readEnvFile(path), PORT: '7070' });
    expect(result.ok && { port: result.config.port, keys: result.config.apiKeys }).toEqual({ port: 7070, keys: ['file-key-0123456789abcdef'] });
  });
});
