import { findExecutable } from './find-executable';

/**
 * How to install Redis here, for the one line `npm start` prints when it has none to start:
 * Homebrew on macOS, the package manager found on Linux.
 */
export function redisInstallHint(platform: NodeJS.Platform, searchPath: string | undefined, isRoot: boolean): string {
  if (platform === 'darwin') return 'brew install redis';
  const sudo = isRoot ? '' : 'sudo ';
  if (findExecutable('apt-get', searchPath)) return `${sudo}apt-get install redis-server`;
  if (findExecutable('dnf', searchPath)) return `${sudo}dnf install redis`;
  if (findExecutable('apk', searchPath)) return `${sudo}apk add redis`;
  if (findExecutable('pacman', searchPath)) return `${sudo}pacman -S redis`;
  return 'apt-get install redis-server, or brew install redis';
}
