/**
 * The catalog (pipeline/core/errors.ts): diag() is type-checked against each entry's declared
 * parameters (`npm test` runs tsc, so the @ts-expect-error lines below are part of the test), a
 * diagnostic without a position prints without one, and an underlying cause is kept and shown
 * only when asked for (--verbose).
 */
import { describe, expect, it } from 'vitest';
import { BuildError, catalog, diag, formatCause, formatDiagnostic, type ParamsOf } from '../../pipeline/core/errors.ts';

describe('diag', () => {
  it('is checked against the parameters each entry declares', () => {
    // never called: tsc (in `npm test`) fails when any of these compiles
    const wrongCalls = () => [
      // @ts-expect-error a forgotten parameter does not compile
      diag('BROWSER_TIMEOUT', { path: '/usr/bin/chromium' }),
      // @ts-expect-error a misspelt parameter does not compile
      diag('YAML_DUPLICATE_KEY', { kye: 'a' }),
      // @ts-expect-error a number where the entry declares a string
      diag('YAML_SYNTAX', { detail: 3 }),
      // @ts-expect-error an entry without parameters takes none
      diag('MD_TABLE', { detail: 'x' }),
      // @ts-expect-error an unknown code
      diag('NO_SUCH_CODE', {}),
    ];
    expect(typeof wrongCalls).toBe('function');
    // optional parameters may be left out
    expect(diag('NO_BROWSER', {}).message).toBe('no Chromium or Chrome found');
    expect(diag('HBS_UNKNOWN_PATH', { path: 'a.b' }).hint).toBe('Check the path against data/*.yaml (file.key.key).');
    const params: ParamsOf<'PORT_IN_USE'> = { port: 4321 };
    expect(diag('PORT_IN_USE', params).message).toBe('port 4321 on 127.0.0.1 is already in use');
  });

  it('has a message and a hint for every entry', () => {
    for (const [code, entry] of Object.entries(catalog)) {
      expect(['error', 'warning'], code).toContain(entry.severity);
      expect(code).toMatch(/^[A-Z][A-Z0-9_]+$/);
    }
  });
});

describe('formatDiagnostic', () => {
  it('prints file:line:col and the data path when there is a position', () => {
    const d = diag('YAML_DUPLICATE_KEY', { key: 'a' }, { file: 'data/market.yaml', line: 3, column: 1, dataPath: 'market.a' });
    expect(formatDiagnostic(d)).toBe('data/market.yaml:3:1  market.a  duplicated key "a"  [YAML_DUPLICATE_KEY]\n    hint: Each key may appear once per mapping: remove or rename one of them.');
  });

  it('prints a runtime fault without a position, and names no pipeline file', () => {
    const d = diag('BROWSER_TIMEOUT', { path: '/usr/bin/chromium', ms: 1500 });
    expect('file' in d).toBe(false);
    expect(formatDiagnostic(d).split('\n')[0]).toBe('the browser /usr/bin/chromium did not start within 1500 ms  [BROWSER_TIMEOUT]');
  });

  it('prints a data path alone when there is no file', () => {
    const d = diag('LINK_UNKNOWN_PATH', { field: 'sum_to', path: 'market.total' }, { dataPath: 'market.group' });
    expect(formatDiagnostic(d).split('\n')[0]).toBe('market.group  sum_to refers to unknown data path "market.total"  [LINK_UNKNOWN_PATH]');
  });
});

describe('causes', () => {
  it('are kept on the diagnostic and shown only by formatCause (--verbose), with their stack', () => {
    const cause = Object.assign(new Error('listen EADDRINUSE: address already in use 127.0.0.1:4321'), { code: 'EADDRINUSE' });
    const d = diag('PORT_IN_USE', { port: 4321 }, { cause });
    expect(d.cause).toBe(cause);
    expect(formatDiagnostic(d)).not.toContain('EADDRINUSE');
    const shown = formatCause(d);
    expect(shown).toMatch(/^ {4}cause: Error: listen EADDRINUSE: address already in use 127\.0\.0\.1:4321\n {8}at /);
    expect(formatCause(diag('PORT_IN_USE', { port: 4321 }))).toBe('');
  });

  it('may also sit on a BuildError', () => {
    const root = new Error('root');
    expect(new BuildError([diag('MD_TABLE', {})], { cause: root }).cause).toBe(root);
  });
});
