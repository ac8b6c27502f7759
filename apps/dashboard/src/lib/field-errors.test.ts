import { ApiError } from '../api/api-error';
import { fieldErrors, numberOrText } from './field-errors';

describe('form field errors', () => {
  it("groups a problem's field list by top-level field, joining several messages of one field", () => {
    const error = new ApiError('problem', '3 invalid fields', 400, {
      errors: [
        { path: 'weight', message: 'must be an integer from 1 to 1000' },
        { path: 'name', message: 'is required' },
        { path: 'name', message: 'must be 2–63 characters' },
        { path: '', message: 'must be a JSON object' },
      ],
    });
    expect(fieldErrors(error)).toEqual({
      weight: 'must be an integer from 1 to 1000',
      name: 'is required; must be 2–63 characters',
      '': 'must be a JSON object',
    });
    expect(fieldErrors(null)).toEqual({});
    expect(fieldErrors(new ApiError('down', 'no answer'))).toEqual({});
  });

  it('reads number fields: blank is absent, numbers are numbers, anything else goes as typed', () => {
    expect(numberOrText('  ')).toBeUndefined();
    expect(numberOrText(' 12 ')).toBe(12);
    expect(numberOrText('0')).toBe(0);
    expect(numberOrText('1.5')).toBe(1.5);
    expect(numberOrText('ten')).toBe('ten');
  });
});
