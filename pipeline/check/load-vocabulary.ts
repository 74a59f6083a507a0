/**
 * The templates that govern figures and prose, read with positions so a mistake in them is
 * reported like one in the data: templates/units.yaml (units, scales, kinds), the qualifiers and
 * range style of templates/locale.yaml, and templates/editorial.yaml (the terms list and how often
 * a figure may be restated; optional). An analyst edits these, never the code.
 */
import { basename } from 'node:path';
import type { Node as YamlNode } from 'yaml';
import { z } from 'zod';
import { hashOf } from '../core/cache.ts';
import { diag, errorsOf, type Diagnostic, type Where } from '../core/errors.ts';
import type { SourceFile } from '../core/source-text.ts';
import { locate, readYamlSource } from '../core/yaml-source.ts';
import { LocaleSchema, type Locale } from '../model/locale.ts';
import { meanings } from '../model/qualifiers.ts';
import { UnitsFileSchema, unitsListedTwice, type UnitsFile } from '../model/units.ts';
import { vocabularyOf, type Vocabulary } from '../model/vocabulary.ts';
import { zodDiagnostics } from './zod-diagnostics.ts';

export const EditorialSchema = z.strictObject({
  /** a figure stated in more sentences than this is a warning */
  max_restatements: z.number().int().min(1),
  /** preferred forms and the variants the report does not write */
  terms: z.array(z.strictObject({ preferred: z.string().min(1), variants: z.array(z.string().min(1)).min(1) })),
});
export type Editorial = z.infer<typeof EditorialSchema>;

export interface LoadedVocabulary {
  vocabulary?: Vocabulary;
  editorial?: Editorial;
  /** what data files loaded with this vocabulary depend on (units and qualifiers): part of their cache key */
  key: string;
  diagnostics: Diagnostic[];
}

/** `files`: templates/*.yaml. */
export function loadVocabulary(files: SourceFile[]): LoadedVocabulary {
  const diagnostics: Diagnostic[] = [];
  const byName = new Map(files.map((f) => [basename(f.path), f]));
  /** a file's value when it fits its schema, and where a path of it is written */
  const read = <S extends z.ZodType>(name: string, schema: S, allowed: string): { value?: z.infer<S>; at?: (path: (string | number)[]) => Where } => {
    const file = byName.get(name);
    if (!file) return {};
    const { parsed, diagnostics: unreadable } = readYamlSource(file);
    diagnostics.push(...unreadable);
    if (!parsed) return {};
    const root = parsed.doc.contents as YamlNode;
    const input = parsed.doc.toJS();
    const r = schema.safeParse(input, { reportInput: true });
    const stem = name.replace(/\.yaml$/, '');
    if (!r.success) {
      diagnostics.push(...zodDiagnostics(r.error, parsed, root, (rel) => [stem, ...rel].join('.'), input, allowed));
      return {};
    }
    const at = (path: (string | number)[]): Where => {
      const loc = locate(root, path);
      return { ...parsed.at(loc.node ?? loc.key), dataPath: [stem, ...path].join('.') };
    };
    return { value: r.data, at };
  };

  const units = read('units.yaml', UnitsFileSchema, 'other_currencies, dimensions');
  const locale = read('locale.yaml', LocaleSchema, Object.keys(LocaleSchema.shape).join(', '));
  const editorial = read('editorial.yaml', EditorialSchema, 'max_restatements, terms');
  if (units.value) {
    for (const t of unitsListedTwice(units.value as UnitsFile)) {
      const listed = (units.value as UnitsFile).dimensions[t.dimensions[1]].units;
      const second = units.at!(['dimensions', t.dimensions[1], 'units', Array.isArray(listed) ? listed.indexOf(t.unit) : t.unit]);
      diagnostics.push(diag('UNIT_TWICE', { unit: t.unit, dimensions: t.dimensions.join(', ') }, second));
    }
  }
  if (locale.value) {
    const l = locale.value as Locale;
    for (const m of meanings) {
      const word = l.computed_qualifiers[m];
      if (!l.qualifiers[word]) diagnostics.push(diag('DATA_SCHEMA', { expected: `one of the qualifiers listed above (${Object.keys(l.qualifiers).join(', ')})`, found: JSON.stringify(word) }, locale.at!(['computed_qualifiers', m])));
      else if (l.qualifiers[word].means !== m) diagnostics.push(diag('DATA_SCHEMA', { expected: `a qualifier that means ${m}`, found: `"${word}", which means ${l.qualifiers[word].means}` }, locale.at!(['computed_qualifiers', m])));
    }
  }
  const ok = units.value && locale.value && errorsOf(diagnostics).length === 0;
  const vocabulary = ok ? vocabularyOf(units.value as UnitsFile, locale.value as Locale) : undefined;
  if (vocabulary) {
    for (const [i, u] of (locale.value as Locale).range.unit_on_both_ends.entries()) {
      if (!vocabulary.units.dimensionOf(u)) diagnostics.push(diag('DATA_UNKNOWN_UNIT', { unit: u, advice: 'The range style names units of templates/units.yaml.' }, locale.at!(['range', 'unit_on_both_ends', i])));
    }
  }
  const key = hashOf([units.value ?? null, locale.value ? { q: (locale.value as Locale).qualifiers, c: (locale.value as Locale).computed_qualifiers, r: (locale.value as Locale).range } : null]);
  return { vocabulary: errorsOf(diagnostics).length ? undefined : vocabulary, editorial: editorial.value as Editorial | undefined, key, diagnostics };
}
