/**
 * Writes changed values into data/*.yaml and nothing else. The yaml library's Document finds each
 * value's node; its source token (kept by the composer) is set to the new number and the file
 * written back from its tokens, so every other byte — comments, key order, quoting, flow style,
 * spacing — is the file's own, and a value keeps the digits it is written with (11.0 → 12.0).
 */
import { Composer, CST, isScalar, Parser } from 'yaml';
import { decimalsOfLiteral } from '../model/format.ts';
import type { SourceFile } from '../core/source-text.ts';
import type { ValueEdit } from './sheet-edits.ts';

/** file.a.b.c → the keys of data/file.yaml: a, items, b, items, c (a group's children are under items:) */
export function yamlKeys(path: string, field: string): string[] {
  const [, ...keys] = path.split('.');
  return [...keys.flatMap((k, i) => (i === 0 ? [k] : ['items', k])), field];
}

/** The new number written with the old literal's decimals when that says it exactly (11.0 → 12.0), else as typed. */
export function literalFor(after: number, oldLiteral: string): string {
  const d = decimalsOfLiteral(oldLiteral) ?? 0;
  return Number(after.toFixed(d)) === after ? after.toFixed(d) : String(after);
}

/** The data files with the edits applied (only the files an edit touches), as new bytes. */
export function applyEdits(files: SourceFile[], edits: ValueEdit[]): SourceFile[] {
  const out: SourceFile[] = [];
  for (const f of files) {
    const name = f.path.split('/').pop()!.replace(/\.ya?ml$/, '');
    const own = edits.filter((e) => e.path.split('.')[0] === name);
    if (!own.length) continue;
    const text = new TextDecoder().decode(f.bytes);
    const tokens = [...new Parser().parse(text)];
    const [doc] = [...new Composer({ keepSourceTokens: true }).compose(tokens)];
    for (const e of own) {
      const node = doc.getIn(yamlKeys(e.path, e.field), true);
      // the loader read this value from here a moment ago: a miss is a bug, never a silent skip
      if (!isScalar(node) || !node.srcToken || !('source' in node.srcToken)) throw new Error(`${f.path}: no value at ${yamlKeys(e.path, e.field).join('.')}`);
      CST.setScalarValue(node.srcToken, literalFor(e.after, node.srcToken.source));
    }
    out.push({ path: f.path, bytes: new TextEncoder().encode(tokens.map((t) => CST.stringify(t)).join('')) });
  }
  return out;
}
