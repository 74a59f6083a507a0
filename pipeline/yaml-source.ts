/** YAML parsing that keeps positions, so every data message can point at file:line:col. */
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node as YamlNode } from 'yaml';
import { diag, type Diagnostic, type Position } from './errors.ts';

export interface ParsedYaml {
  doc: Document.Parsed;
  file: string;
  at(node: YamlNode | null | undefined): Position;
}

export function parseYaml(file: string, text: string): { parsed?: ParsedYaml; diagnostics: Diagnostic[] } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  const diagnostics = doc.errors.map((e) => {
    const start = lineCounter.linePos(e.pos[0]);
    const where = { file, line: start.line, column: start.col };
    if (e.code === 'DUPLICATE_KEY') {
      const key = /Map keys must be unique/.test(e.message) ? duplicatedKeyAt(text, e.pos[0]) : '?';
      return diag('YAML_DUPLICATE_KEY', { key }, where);
    }
    return diag('YAML_SYNTAX', { detail: e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '') }, where);
  });
  if (diagnostics.length) return { diagnostics };
  const at = (node: YamlNode | null | undefined): Position => {
    if (!node?.range) return { file };
    const p = lineCounter.linePos(node.range[0]);
    return { file, line: p.line, column: p.col };
  };
  return { parsed: { doc, file, at }, diagnostics: [] };
}

function duplicatedKeyAt(text: string, offset: number): string {
  const m = /^\s*([^:\s][^:]*?)\s*:/.exec(text.slice(offset, text.indexOf('\n', offset) >>> 0));
  return m ? m[1] : '?';
}

/** The YAML value node and its key node at a JS-style path below `root` (undefined where the path leaves the tree). */
export function locate(root: YamlNode | null | undefined, path: (string | number)[]): { node?: YamlNode; key?: YamlNode } {
  let node: YamlNode | null | undefined = root;
  let key: YamlNode | undefined;
  for (const seg of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(seg));
      if (!pair) return { node, key };
      key = pair.key as YamlNode;
      node = pair.value as YamlNode | null;
    } else if (isSeq(node) && typeof seg === 'number') {
      key = undefined;
      node = node.items[seg] as YamlNode | null;
    } else {
      return { node: node ?? undefined, key };
    }
  }
  return { node: node ?? key, key };
}

/** The decimals of a number as written in the YAML ("11.0" → 1), read from the scalar's source text. */
export function literalOf(node: YamlNode | undefined): string | undefined {
  return isScalar(node) && typeof node.source === 'string' ? node.source : undefined;
}
