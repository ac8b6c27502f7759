import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openApiDocument } from '@jobgate/api';

/** "The API" section of the README: the table of routes and the paragraph on the routes beside /v1. */
function apiSection(): string[] {
  const readme = readFileSync(join(__dirname, '..', 'README.md'), 'utf8');
  const start = readme.indexOf('\n## The API\n');
  const end = readme.indexOf('\n## ', start + 1);
  return readme
    .slice(start, end)
    .split('\n')
    .map((line) => line.replace(/\{[^}]*\}/g, '{}'));
}

describe('README: "The API" lists every route the api serves', () => {
  const lines = apiSection();
  const routes = Object.entries(openApiDocument().paths as Record<string, Record<string, unknown>>).flatMap(([path, operations]) =>
    Object.keys(operations).map((method) => [method.toUpperCase(), path.replace(/\{[^}]*\}/g, '{}')] as const),
  );

  it.each(routes)('%s %s', (method, path) => {
    // The path as a whole word (not the start of a longer path), with its method on the same line.
    const pathPattern = new RegExp(`${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?=[\`?\\s,]|$)`);
    expect(lines.filter((line) => pathPattern.test(line) && new RegExp(`\\b${method}\\b`).test(line))).not.toEqual([]);
  });
});
