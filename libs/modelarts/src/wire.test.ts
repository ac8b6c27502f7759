import { ModelArtsError } from './modelarts-error';
import { parseRetryAfter } from './retry-after';
import { parseJsonBody, WireReader } from './wire';

const context = { what: 'test response', httpStatus: 200 };

describe('parseJsonBody', () => {
  it('keeps Long IDs beyond 2^53 as exact strings and leaves other numbers alone', () => {
    expect(parseJsonBody('{"job_id": 12345678901234567890, "version_id":7, "duration": 12345678901234567890}')).toEqual({
      job_id: '12345678901234567890',
      version_id: 7,
      duration: 12345678901234567890,
    });
  });

  it('never touches string contents', () => {
    const text = JSON.stringify({ model_metric_list: '{"job_id": 12345678901234567890}' });
    expect(parseJsonBody(text)).toEqual({ model_metric_list: '{"job_id": 12345678901234567890}' });
  });
});

describe('WireReader', () => {
  const reader = new WireReader({ a: 1, b: '2', c: ' 3 ', d: 1.5, e: 'x', f: null, g: '', id1: 10, id2: '10', big: 2 ** 60, s: 'str', n: 4 }, context);

  it('reads integers from JSON numbers and numeric strings', () => {
    expect([reader.int('a'), reader.int('b'), reader.int('c')]).toEqual([1, 2, 3]);
    expect([reader.optionalInt('f'), reader.optionalInt('g'), reader.optionalInt('missing')]).toEqual([null, null, null]);
  });

  it('reads IDs as strings', () => {
    expect([reader.id('id1'), reader.id('id2')]).toEqual(['10', '10']);
  });

  it('reads strings, stringifying numbers', () => {
    expect([reader.string('s'), reader.string('n'), reader.optionalString('missing')]).toEqual(['str', '4', null]);
  });

  it.each([
    ['int', 'd'],
    ['int', 'e'],
    ['int', 'missing'],
    ['id', 'big'],
    ['id', 'missing'],
    ['string', 'f'],
    ['objects', 's'],
  ] as const)('%s("%s") is a bad response', (method, key) => {
    const read = () => reader[method](key);
    expect(read).toThrow(ModelArtsError);
    expect(read).toThrow(expect.objectContaining({ errorCode: 'modelarts.bad_response', httpStatus: 200, retryable: false }));
  });
});

describe('parseRetryAfter', () => {
  const now = Date.UTC(2024, 0, 1);
  it.each([
    ['2', 2000],
    ['0', 0],
    ['1.5', 1500],
    [new Date(now + 10_000).toUTCString(), 10_000],
    [new Date(now - 10_000).toUTCString(), 0],
    ['soon', null],
    ['', null],
    [null, null],
  ] as const)('%p → %p', (value, expected) => {
    expect(parseRetryAfter(value, now)).toBe(expected);
  });
});
