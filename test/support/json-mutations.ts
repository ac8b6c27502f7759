import fc from 'fast-check';

/** JSON as a request body carries it. */
type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Keys that a careless merge would turn into prototype pollution, or that class-transformer drops silently. */
const HOSTILE_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', ''];
/** Strings PostgreSQL, JSON and terminals treat specially. */
const HOSTILE_STRINGS = [
  '\u0000',
  'a\u0000b',
  '\ud800',
  'x\udfffy',
  '\u202e',
  '🚀'.repeat(3),
  '../../etc/passwd',
  "'; DROP TABLE jobs; --",
  ' ',
  '0',
  'null',
  'true',
];

const text = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom(...HOSTILE_STRINGS),
  fc.integer({ min: 1_000, max: 70_000 }).map((n) => 'x'.repeat(n)),
);
const scalar: fc.Arbitrary<Json> = fc.oneof(
  text,
  fc.boolean(),
  fc.constant(null),
  fc.integer({ min: -5, max: 100 }),
  fc.constantFrom(0, -1, 0.5, 1e308, -1e308, 2 ** 31, 2 ** 53 + 1, Number.MIN_VALUE),
);
/** A value of any JSON type, now and then deeply nested. */
const anyValue: fc.Arbitrary<Json> = fc.oneof(
  { weight: 6, arbitrary: scalar },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<Json> },
  { weight: 1, arbitrary: fc.integer({ min: 20, max: 200 }).map((depth) => nest(depth)) },
);

type Mutation =
  | { kind: 'delete'; at: number }
  | { kind: 'replace'; at: number; value: Json }
  | { kind: 'add'; at: number; key: string; value: Json }
  | { kind: 'duplicate-array-item'; at: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('replace' as const), at: fc.nat(), value: anyValue }),
  fc.record({ kind: fc.constant('add' as const), at: fc.nat(), key: fc.oneof(fc.constantFrom(...HOSTILE_KEYS), fc.string({ maxLength: 8 })), value: anyValue }),
  fc.record({ kind: fc.constant('duplicate-array-item' as const), at: fc.nat() }),
);

/** 0–4 mutations of a seed: dropped, added (hostile keys too) and retyped fields anywhere in it. */
export function mutated(seed: fc.Arbitrary<object>): fc.Arbitrary<Json> {
  return fc.tuple(seed, fc.array(mutation, { maxLength: 4 })).map(([value, mutations]) => mutations.reduce(apply, structuredClone(value) as Json));
}

function apply(root: Json, m: Mutation): Json {
  const nodes = containers(root);
  const target = nodes[m.at % nodes.length]!;
  const keys = Object.keys(target);
  if (m.kind === 'add' && Array.isArray(target)) {
    target.push(structuredClone(m.value)); // a named key on an array would not survive JSON.stringify
  } else if (m.kind === 'add') {
    // defineProperty, so that `__proto__` becomes a real key of the body rather than a prototype.
    Object.defineProperty(target, m.key, { value: structuredClone(m.value), enumerable: true, writable: true, configurable: true });
  } else if (keys.length > 0) {
    const key = keys[m.at % keys.length]!;
    const record = target as Record<string, Json>;
    if (m.kind === 'delete') Array.isArray(target) ? target.splice(Number(key), 1) : delete record[key];
    if (m.kind === 'replace') record[key] = structuredClone(m.value);
    if (m.kind === 'duplicate-array-item' && Array.isArray(target)) target.push(structuredClone(target[Number(key)]!));
  }
  return root;
}

function containers(value: Json): (Json[] | { [key: string]: Json })[] {
  if (value === null || typeof value !== 'object') return [];
  return [value, ...Object.values(value).flatMap(containers)];
}

function nest(depth: number): Json {
  let value: Json = 'deep';
  for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { d: value };
  return value;
}

/** Bodies that are not JSON at all, or JSON cut short. */
export const notJson = fc.oneof(fc.string({ maxLength: 50 }), fc.constantFrom('{', '{"training_job":', '[', 'null', '"x"', '{"a":1,}', '\u0000'));
