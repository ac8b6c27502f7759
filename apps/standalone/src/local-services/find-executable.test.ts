import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { findExecutable } from './find-executable';
import { redisInstallHint } from './install-hint';

const root = mkdtempSync(join(tmpdir(), 'jobgate-path-'));
const dir = (name: string) => {
  const path = join(root, name);
  mkdirSync(path, { recursive: true });
  return path;
};
const file = (path: string, mode: number) => {
  writeFileSync(path, '#!/bin/sh\n');
  chmodSync(path, mode);
  return path;
};

describe('findExecutable', () => {
  it('finds the first executable file of that name along PATH, skipping non-executables and directories', () => {
    const a = dir('a');
    const b = dir('b');
    const c = dir('c');
    file(join(a, 'redis-server'), 0o644);
    mkdirSync(join(b, 'redis-server'));
    const real = file(join(c, 'redis-server'), 0o755);
    expect(findExecutable('redis-server', [a, '', b, c].join(delimiter))).toBe(real);
  });

  it('is null when PATH has none, or there is no PATH', () => {
    expect(findExecutable('redis-server', dir('empty'))).toBeNull();
    expect(findExecutable('redis-server', undefined)).toBeNull();
  });
});

describe('redisInstallHint', () => {
  it('names the install command of the machine: Homebrew on macOS, the package manager on PATH on Linux', () => {
    expect(redisInstallHint('darwin', undefined, false)).toBe('brew install redis');
    const apt = dir('apt');
    file(join(apt, 'apt-get'), 0o755);
    expect(redisInstallHint('linux', apt, false)).toBe('sudo apt-get install redis-server');
    expect(redisInstallHint('linux', apt, true)).toBe('apt-get install redis-server');
    const dnf = dir('dnf');
    file(join(dnf, 'dnf'), 0o755);
    expect(redisInstallHint('linux', dnf, false)).toBe('sudo dnf install redis');
    expect(redisInstallHint('linux', dir('none'), true)).toBe('apt-get install redis-server, or brew install redis');
  });
});
