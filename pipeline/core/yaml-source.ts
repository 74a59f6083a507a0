/** YAML parsing that keeps positions, so every data message can point at file:line:col. */
import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, visit, type Document, type Node as YamlNode, type YAMLError } from 'yaml';
import { diag, type Diagnostic, type Position } from './errors.ts';
import { decodeSource } from './source-text.ts';
import type { SourceFile } from './source-text.ts';

export interface ParsedYaml {
  doc: Document.Parsed;
  file: string;
  at(node: YamlNode | null | undefined): Position;
  /** where a character offset of the file is */
  atOffset(offset: number): Position;
  text: string;
}

/**
 * Parses one file. Every duplicated key is reported; of the syntax errors only the first (the
 * ones after it mostly follow from it), in plain words and at the place to fix: the opening
 * brace or quote that is never closed, the line whose indentation is off.
 */
export function parseYaml(file: string, text: string): { parsed?: ParsedYaml; diagnostics: Diagnostic[] } {
  const lineCounter = new LineCounter();
  // uniqueKeys: false — the library compares each key with every earlier one (quadratic: 1 MB took
  // 30 s more); duplicates are found below with one set per mapping (issue 21)
  const doc = parseDocument(text, { lineCounter, uniqueKeys: false, prettyErrors: false });
  const where = (offset: number) => {
    const p = lineCounter.linePos(offset);
    return { file, line: p.line, column: p.col };
  };
  const diagnostics: Diagnostic[] = [];
  const syntax = doc.errors.filter((e) => e.code !== 'DUPLICATE_KEY');
  for (const e of doc.errors) {
    if (e.code === 'DUPLICATE_KEY') diagnostics.push(diag('YAML_DUPLICATE_KEY', { key: /Map keys must be unique/.test(e.message) ? duplicatedKeyAt(text, e.pos[0]) : '?' }, where(e.pos[0])));
  }
  // a full-width colon after a key (value：8.2) parses as one odd key, not as an error: say so first
  const wideColon = /(^|[{,]\s*|^[ ]*-?[ ]*)([A-Za-z_]\w*)[ ]*：/m.exec(text);
  if (wideColon) {
    const offset = wideColon.index + wideColon[0].length - 1;
    diagnostics.push(diag('YAML_SYNTAX', { detail: `a full-width "：" after "${wideColon[2]}": YAML needs the half-width ":" (switch the input method to English punctuation for YAML's own marks)` }, where(offset)));
    return { diagnostics };
  }
  if (!syntax.length) {
    visit(doc, {
      Map(_key, map) {
        const seen = new Set<string>();
        for (const p of map.items) {
          if (!isScalar(p.key)) continue;
          const k = String(p.key.value);
          if (seen.has(k)) diagnostics.push(diag('YAML_DUPLICATE_KEY', { key: k }, where(p.key.range?.[0] ?? 0)));
          seen.add(k);
        }
      },
    });
  }
  if (syntax.length) {
    const { offset, detail } = explain(syntax[0], text, syntax);
    diagnostics.push(diag('YAML_SYNTAX', { detail }, where(offset)));
  }
  if (diagnostics.length) return { diagnostics: diagnostics.sort((a, b) => a.line! - b.line! || a.column! - b.column!) };
  // anchors and aliases (&a, *a): a figure is written once, and an alias bomb never expands
  visit(doc, {
    Node(_key, node) {
      if (isAlias(node) || (node as { anchor?: string }).anchor) {
        const at = isAlias(node) ? node.range?.[0] : text.lastIndexOf('&', node.range?.[0] ?? 0);
        diagnostics.push(diag('YAML_SYNTAX', { detail: `anchors and aliases (&${isAlias(node) ? node.source : (node as { anchor?: string }).anchor}, *…) are not allowed: write each figure once, and compute repeated ones with derive:` }, where(at ?? 0)));
        return visit.BREAK;
      }
      // more digits than a double holds exactly: printed, the number would not be the one written
      const digits = isScalar(node) && typeof node.value === 'number' && typeof node.source === 'string' ? significantDigits(node.source) : 0;
      if (digits > maxSignificantDigits) diagnostics.push(diag('NUMBER_TOO_PRECISE', { literal: clip(String((node as { source: string }).source)), digits, max: maxSignificantDigits }, where(node.range?.[0] ?? 0)));
    },
  });
  if (diagnostics.length) return { diagnostics };
  const at = (node: YamlNode | null | undefined): Position => {
    if (!node?.range) return { file };
    return where(node.range[0]);
  };
  return { parsed: { doc, file, at, atOffset: where, text }, diagnostics: [] };
}

/** A report prints figures; a double holds 15 significant decimal digits exactly (issue 21). */
export const maxSignificantDigits = 15;

/** Significant digits of a number literal: leading zeros and an integer's trailing zeros do not count. */
export function significantDigits(literal: string): number {
  const mantissa = literal.trim().replace(/^[+-]/, '').split(/[eE]/)[0].replace(/_/g, '');
  if (!/^\d*\.?\d*$/.test(mantissa)) return 0; // .inf, .nan, hex, octal: not a decimal literal
  const digits = mantissa.includes('.') ? mantissa.replace('.', '').replace(/^0+/, '') : mantissa.replace(/^0+/, '').replace(/0+$/, '');
  return digits.length;
}

const clip = (s: string) => (s.length > 40 ? `${s.slice(0, 37)}…` : s);

/** The yaml library's message in plain words, at the place an author has to change. */
function explain(e: YAMLError, text: string, all: YAMLError[]): { offset: number; detail: string } {
  const first = e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
  switch (e.code) {
    case 'BAD_INDENT':
    case 'MISSING_CHAR': {
      const quote = /Missing closing (['"])quote/.exec(first)?.[1];
      if (quote) {
        const open = openingQuote(text, e.pos[0], quote);
        return { offset: open, detail: `the quoted text starting here is never closed: add the closing ${quote}` };
      }
      const flow = /^Flow (map|sequence)/.exec(first)?.[1] ?? (/Expected .*([}\]])/.exec(first)?.[1] === ']' ? 'sequence' : /[}]/.test(first) ? 'map' : undefined);
      if (flow) {
        const [open, close] = flow === 'map' ? ['{', '}'] : ['[', ']'];
        const at = unmatched(text, e.pos[0], open, close);
        if (at >= 0) return { offset: at, detail: `this ${open} … ${close} is never closed: add ${close} at the end of the line` };
      }
      return { offset: e.pos[0], detail: first };
    }
    case 'TAB_AS_INDENT':
      return { offset: e.pos[0], detail: 'a tab is used for indentation; indent with spaces' };
    case 'BLOCK_AS_IMPLICIT_KEY':
    case 'MULTILINE_IMPLICIT_KEY': {
      // the value on this line runs into a line below that is indented more than its neighbours
      const multiline = all.find((x) => x.code === 'MULTILINE_IMPLICIT_KEY' && x.pos[0] === e.pos[0]);
      const end = multiline ? multiline.pos[1] : e.pos[0];
      const lineStart = text.lastIndexOf('\n', end - 1) + 1;
      const indent = /^[ ]*/.exec(text.slice(lineStart))![0].length;
      return { offset: lineStart + indent, detail: 'this line is indented differently from the keys above it (or a text holding ": " needs quotes)' };
    }
    case 'BLOCK_IN_FLOW': {
      // { label: 京东 value: 20.8 }: the next field runs into this one
      const span = text.slice(e.pos[0], e.pos[1]);
      const wide = span.indexOf('，');
      if (wide >= 0) return { offset: e.pos[0] + wide, detail: 'a full-width "，" separates the fields of this { … }: YAML needs the half-width "," (switch the input method to English punctuation for YAML\'s own marks)' };
      const next = [...span.matchAll(/\s([A-Za-z_]\w*)\s*:/g)].pop();
      if (next) return { offset: e.pos[0] + next.index! + 1, detail: `a comma is missing before "${next[1]}:": in { … } fields are separated by commas, e.g. { label: 京东, value: 20.8 }` };
      return { offset: e.pos[0], detail: 'in { … } fields are separated by commas and written key: value; a value holding ": " needs quotes' };
    }
    case 'MULTIPLE_DOCS':
      return { offset: e.pos[0], detail: 'a second YAML document (---): one file holds one mapping' };
    default:
      return { offset: e.pos[0], detail: first };
  }
}

/** The last `open` before `offset` that no `close` matches (quotes skipped roughly), or -1. */
function unmatched(text: string, offset: number, open: string, close: string): number {
  let depth = 0;
  for (let i = Math.min(offset, text.length) - 1; i >= 0; i--) {
    const c = text[i];
    if (c === close) depth++;
    else if (c === open) {
      if (depth === 0) return i;
      depth--;
    }
  }
  return -1;
}

/** Where a quoted scalar that runs to `offset` began. */
function openingQuote(text: string, offset: number, quote: string): number {
  // the quote that opens the scalar is preceded by a value indicator or flow punctuation
  const before = text.slice(0, offset);
  const re = quote === "'" ? /(?:^|[\s:,[{-])'/g : /(?:^|[\s:,[{-])"/g;
  let last = -1;
  for (const m of before.matchAll(re)) last = m.index! + m[0].length - 1;
  return last >= 0 ? last : offset;
}

function duplicatedKeyAt(text: string, offset: number): string {
  const m = /^\s*([^:\s][^:]*?)\s*:/.exec(text.slice(offset, text.indexOf('\n', offset) >>> 0));
  return m ? m[1] : '?';
}

/**
 * A mapping's pairs by key, made once per mapping: looking every datum up by a scan of its
 * mapping made checking quadratic in the file's size (issue 21: 4 MB took 79 s).
 */
const pairIndex = new WeakMap<object, Map<string, { key: unknown; value: unknown }>>();
function pairsOf(map: { items: unknown[] }): Map<string, { key: unknown; value: unknown }> {
  let index = pairIndex.get(map);
  if (!index) {
    index = new Map();
    for (const p of map.items) if (isPair(p) && isScalar(p.key) && !index.has(String(p.key.value))) index.set(String(p.key.value), p);
    pairIndex.set(map, index);
  }
  return index;
}

/** The YAML value node and its key node at a JS-style path below `root` (undefined where the path leaves the tree). */
export function locate(root: YamlNode | null | undefined, path: (string | number)[]): { node?: YamlNode; key?: YamlNode } {
  let node: YamlNode | null | undefined = root;
  let key: YamlNode | undefined;
  for (const seg of path) {
    if (isMap(node)) {
      const pair = pairsOf(node).get(String(seg));
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

/**
 * Where a scalar's text starts, and whether its characters follow one another on that line as in
 * the value (a one-line plain or quoted scalar without escapes), so a character's column is the
 * start's plus its index.
 */
export function scalarStart(y: ParsedYaml, node: YamlNode): { pos: Position; exact: boolean } {
  if (isScalar(node) && node.range && typeof node.value === 'string') {
    const raw = y.text.slice(node.range[0], node.range[1]);
    const quoted = node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE';
    const inner = quoted ? raw.slice(1, -1) : raw;
    if ((node.type === 'PLAIN' || quoted) && inner === node.value) return { pos: y.atOffset(node.range[0] + (quoted ? 1 : 0)), exact: true };
  }
  return { pos: y.at(node), exact: false };
}

/** The decimals of a number as written in the YAML ("11.0" → 1), read from the scalar's source text. */
export function literalOf(node: YamlNode | undefined): string | undefined {
  return isScalar(node) && typeof node.source === 'string' ? node.source : undefined;
}

/** A YAML source file: decoded (UTF-8, no BOM, LF) and parsed with positions, or the reasons it cannot be. */
export function readYamlSource(file: SourceFile): { parsed?: ParsedYaml; diagnostics: Diagnostic[] } {
  const { text, diagnostics: encoding } = decodeSource(file);
  if (text === undefined || encoding.length) return { diagnostics: encoding };
  return parseYaml(file.path, text);
}
