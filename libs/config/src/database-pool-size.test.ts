import { loadConfig } from './load-config';

const KEY = 'k'.repeat(32);

describe('DATABASE_POOL_SIZE', () => {
  it('defaults to 10 connections per process and takes a whole number from 1 to 1000', () => {
    const defaults = loadConfig({ API_KEYS: KEY });
    expect(defaults.ok && defaults.config.databasePoolSize).toBe(10);
    const set = loadConfig({ API_KEYS: KEY, DATABASE_POOL_SIZE: '4' });
    expect(set.ok && set.config.databasePoolSize).toBe(4);
  });

  it.each(['0', '1001', 'many', '2.5'])('refuses %p, naming the variable', (value) => {
    const result = loadConfig({ API_KEYS: KEY, DATABASE_POOL_SIZE: value });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems).toEqual([expect.stringMatching(/^DATABASE_POOL_SIZE: /)]);
  });
});
