import { UsageError } from './cli-error';
import { labelFilters, parseLabelFlags } from './labels';

describe('--label key=value', () => {
  it('splits at the first =, so a value may hold = and :', () => {
    const warnings: string[] = [];
    expect(parseLabelFlags(['team=vision', 'url=http://x:8080/?a=b', 'empty='], 'submit', (w) => warnings.push(w))).toEqual({
      team: 'vision',
      url: 'http://x:8080/?a=b',
      empty: '',
    });
    expect(labelFilters(['team=vision', 'run=7'], 'list', (w) => warnings.push(w))).toEqual(['team:vision', 'run:7']);
    expect(warnings).toEqual([]);
  });

  it('still reads the old key:value form (a : before any =), with one warning per label naming the new form', () => {
    const warnings: string[] = [];
    expect(labelFilters(['env:prod', 'url:http://x=y'], 'list', (w) => warnings.push(w))).toEqual(['env:prod', 'url:http://x=y']);
    expect(parseLabelFlags(['env:prod'], 'submit', (w) => warnings.push(w))).toEqual({ env: 'prod' });
    expect(warnings).toEqual([
      'warning: --label env:prod is the old key:value form; write --label env=prod (key:value will be refused in a later version)',
      'warning: --label url:http://x=y is the old key:value form; write --label url=http://x=y (key:value will be refused in a later version)',
      'warning: --label env:prod is the old key:value form; write --label env=prod (key:value will be refused in a later version)',
    ]);
  });

  it('refuses a label without a key or a separator, naming the one syntax, with the usage of the command', () => {
    const none = () => undefined;
    expect(() => parseLabelFlags(['novalue'], 'submit', none)).toThrow(UsageError);
    expect(() => labelFilters(['=v'], 'list', none)).toThrow('--label must be key=value, got "=v"');
    expect(() => labelFilters([':v'], 'list', none)).toThrow('--label must be key=value, got ":v"');
  });
});
