/**
 * README.md's error reference, written from the catalog (errors.ts): one row per code with its
 * severity, the shape of its message and its hint, `‹name›` standing for a parameter. It sits
 * between the markers below; tests/core/error-reference.test.ts fails when it is stale, and
 * `npm run docs` (cli/write-error-reference.ts) rewrites it.
 */
import { catalog, type CatalogCode, type Entry } from './errors.ts';

export const referenceStart = '<!-- errors:start (generated from pipeline/core/errors.ts by `npm run docs`: do not edit by hand) -->';
export const referenceEnd = '<!-- errors:end -->';

/**
 * Every parameter as `‹name›`. A `hint` parameter is a caller's more specific hint, given instead
 * of the entry's own: it stands as absent, so the row shows the entry's own hint.
 */
const placeholders = new Proxy({}, { get: (_, name) => (name === 'hint' ? undefined : `‹${String(name)}›`) }) as never;

const cell = (text: string) => text.replaceAll('|', '\\|').replaceAll('\n', ' ');

export function errorReference(): string {
  const rows = (Object.keys(catalog) as CatalogCode[]).map((code) => {
    const e = catalog[code] as unknown as Entry<never>;
    const hint = e.hint(placeholders) ?? '(depends on what was found: given with each problem)';
    return `| \`${code}\` | ${e.severity} | ${cell(e.message(placeholders))} | ${cell(hint)} |`;
  });
  return ['| code | severity | message | hint |', '| --- | --- | --- | --- |', ...rows].join('\n');
}

/** `readme` with the text between the markers replaced by the current reference. */
export function withErrorReference(readme: string): string {
  const start = readme.indexOf(referenceStart);
  const end = readme.indexOf(referenceEnd);
  if (start < 0 || end < start) throw new Error(`README.md has no error reference markers: add a line ${referenceStart} and a line ${referenceEnd} where the reference belongs`);
  return `${readme.slice(0, start + referenceStart.length)}\n${errorReference()}\n${readme.slice(end)}`;
}
