/**
 * The other editions made from the same source (issue 16): each `templates/locale.<tag>.yaml`
 * with its `templates/<tag>-overrides.yaml`, read and validated like every template file (errors
 * name the file and line). The source edition (zh-Hans) has no such file.
 */
import { basename } from 'node:path';
import type { Node as YamlNode } from 'yaml';
import type { z } from 'zod';
import { diag, type Diagnostic, type Where } from '../core/errors.ts';
import type { SourceFile } from '../core/source-text.ts';
import { locate, readYamlSource } from '../core/yaml-source.ts';
import { LocaleVariantSchema, OverridesSchema, type LocaleVariant, type Override } from '../model/locale.ts';
import { zodDiagnostics } from './zod-diagnostics.ts';

export interface LocaleEdition {
  variant: LocaleVariant;
  overrides: Override[];
  /** where override i is written (its `from:`) */
  overrideAt(i: number): Where;
}

const variantFile = /^locale\.([a-zA-Z0-9-]+)\.yaml$/;

/** `files`: templates/*.yaml. */
export function loadLocaleEditions(files: SourceFile[]): { editions: LocaleEdition[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const byName = new Map(files.map((f) => [basename(f.path), f]));
  const read = <S extends z.ZodType>(file: SourceFile, schema: S, allowed: string) => {
    const { parsed, diagnostics: unreadable } = readYamlSource(file);
    diagnostics.push(...unreadable);
    if (!parsed) return undefined;
    const root = parsed.doc.contents as YamlNode;
    const input = parsed.doc.toJS() ?? [];
    const stem = basename(file.path).replace(/\.yaml$/, '');
    const r = schema.safeParse(input, { reportInput: true });
    if (!r.success) {
      diagnostics.push(...zodDiagnostics(r.error, parsed, root, (rel) => [stem, ...rel].join('.'), input, allowed));
      return undefined;
    }
    return { value: r.data as z.infer<S>, at: (path: (string | number)[]): Where => ({ ...parsed.at(locate(root, path).node), dataPath: [stem, ...path].join('.') }) };
  };
  const editions: LocaleEdition[] = [];
  for (const [name, file] of [...byName].sort(([a], [b]) => a.localeCompare(b))) {
    const tag = variantFile.exec(name)?.[1];
    if (!tag) continue;
    const variant = read(file, LocaleVariantSchema, Object.keys(LocaleVariantSchema.shape).join(', '));
    const overridesFile = byName.get(`${tag}-overrides.yaml`);
    const overrides = overridesFile ? read(overridesFile, OverridesSchema, 'from, to, why') : { value: [] as Override[], at: () => ({}) };
    if (!variant || !overrides) continue;
    const seen = new Set<string>();
    for (const [i, o] of overrides.value.entries()) {
      if (seen.has(o.from)) diagnostics.push(diag('LOCALE_OVERRIDE_TWICE', { from: o.from, tag }, overrides.at([i, 'from'])));
      seen.add(o.from);
    }
    editions.push({ variant: variant.value, overrides: overrides.value, overrideAt: (i) => overrides.at([i, 'from']) });
  }
  return { editions, diagnostics };
}

/** The overrides no printed text used (after an edition was rendered): each is an error at its line. */
export function unusedOverrides(edition: LocaleEdition, used: Set<string>): Diagnostic[] {
  return edition.overrides.flatMap((o, i) => (used.has(o.from) ? [] : [diag('LOCALE_OVERRIDE_UNUSED', { from: o.from, tag: edition.variant.tag }, edition.overrideAt(i))]));
}
