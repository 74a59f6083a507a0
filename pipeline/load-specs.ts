/** Chart and table definitions (templates/charts/*.yaml, templates/tables/*.yaml), validated with positions. */
import { basename } from 'node:path';
import { z } from 'zod';
import { diag, type Diagnostic, type Position } from './errors.ts';
import type { SourceFile } from './model.ts';

import { locate, readYamlSource } from './yaml-source.ts';
import type { Node as YamlNode } from 'yaml';
import { zodDiagnostics } from './zod-diagnostics.ts';

const Binding = z.strictObject({ from: z.union([z.string(), z.array(z.string()).min(1)]), series: z.string().optional() });
export const ChartSpecSchema = z.strictObject({
  caption: z.string().min(1),
  alt: z.string().min(1).optional(),
  data: z.array(Binding).min(1),
  spec: z.record(z.string(), z.unknown()),
});
export const TableSpecSchema = z.strictObject({
  caption: z.string().min(1),
  rows: z.union([z.string(), z.array(z.string()).min(1)]),
  columns: z.array(z.strictObject({ header: z.string().min(1), field: z.string().min(1), align: z.enum(['left', 'right', 'center']).optional() })).min(1),
  footer: z.strictObject({ label: z.string().min(1), from: z.string().min(1), field: z.string().min(1).optional() }).optional(),
  note: z.string().optional(),
});

/** Where a path inside the spec file is, for messages: (['data', 0, 'from']) → file:line:col. */
export type SpecPositions = (path: (string | number)[]) => Position;
type Loaded = { id: string; file: string; at: SpecPositions };
export type ChartSpec = z.infer<typeof ChartSpecSchema> & Loaded;
export type TableSpec = z.infer<typeof TableSpecSchema> & Loaded;

function loadAll<S extends z.ZodObject>(files: SourceFile[], schema: S): { specs: (z.infer<S> & Loaded)[]; diagnostics: Diagnostic[] } {
  const specs: (z.infer<S> & Loaded)[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const file of [...files].sort((a, b) => a.path.localeCompare(b.path))) {
    const id = basename(file.path).replace(/\.ya?ml$/, '');
    const { parsed, diagnostics: unreadable } = readYamlSource(file);
    diagnostics.push(...unreadable);
    if (!parsed) continue;
    const input = parsed.doc.toJS();
    const r = schema.safeParse(input, { reportInput: true });
    if (!r.success) {
      diagnostics.push(...zodDiagnostics(r.error, parsed, parsed.doc.contents, (rel) => [id, ...rel].join('.'), input, Object.keys(schema.shape).join(', ')));
      continue;
    }
    const at: SpecPositions = (path) => {
      const { node, key } = locate(parsed.doc.contents as YamlNode, path);
      return parsed.at(node ?? key);
    };
    specs.push({ ...(r.data as z.infer<S>), id, file: file.path, at });
  }
  return { specs, diagnostics };
}

export function loadChartSpecs(files: SourceFile[]) {
  return loadAll(files, ChartSpecSchema) as { specs: ChartSpec[]; diagnostics: Diagnostic[] };
}

export function loadTableSpecs(files: SourceFile[]) {
  return loadAll(files, TableSpecSchema) as { specs: TableSpec[]; diagnostics: Diagnostic[] };
}

/** Every data path a chart or table binds, checked against the data set. */
export function checkSpecPaths(spec: { file: string; id: string }, paths: string[], known: (p: string) => boolean, kind: 'CHART_SPEC' | 'TABLE_SPEC'): Diagnostic[] {
  return paths.filter((p) => !known(p)).map((p) => diag(kind, { detail: `unknown data path "${p}"` }, { file: spec.file, dataPath: p }));
}
