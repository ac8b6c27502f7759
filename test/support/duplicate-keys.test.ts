import { duplicateKeys } from './duplicate-keys';

it('finds keys repeated within one object, at any depth, and nothing else', () => {
  expect(duplicateKeys('{"level":"info","role":"standalone","role":"worker","msg":"worker started"}')).toEqual(['role']);
  expect(duplicateKeys('{"a":{"b":1,"b":2},"c":[{"d":1},{"d":2}],"e":"\\"d\\":"}')).toEqual(['b']);
  expect(duplicateKeys('{"role":"api","req":{"role":"x"},"list":["role","role"]}')).toEqual([]);
});
