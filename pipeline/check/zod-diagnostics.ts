/** Turns zod issues into positioned diagnostics: "expected a number, got "15.3万亿"". */
import type { z } from 'zod';
import type { Node as YamlNode } from 'yaml';
import { diag, type Diagnostic } from '../core/errors.ts';
import { locate, type ParsedYaml } from '../core/yaml-source.ts';
import { closest } from '../core/did-you-mean.ts';
import type { UnitTable } from '../model/units.ts';
import { unitAdvice } from './unit-advice.ts';
import { entryAdvice } from './entry-advice.ts';

export function describeValue(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'an empty value';
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? v.slice(0, 40) + '…' : v);
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return `a mapping with keys ${Object.keys(v).join(', ') || '(none)'}`;
  return String(v);
}

/** zod's type names in an author's words. */
const typeNames: Record<string, string> = { record: 'mapping', object: 'mapping', map: 'mapping', array: 'list', tuple: 'list', string: 'text', boolean: 'true or false' };
const article = (t: string) => {
  const name = typeNames[t] ?? t;
  return name === 'true or false' ? name : /^[aeiou]/.test(name) ? `an ${name}` : `a ${name}`;
};

export function zodDiagnostics(
  error: z.ZodError,
  y: ParsedYaml,
  nodeYaml: YamlNode | null | undefined,
  dataPathOf: (rel: (string | number)[]) => string,
  input: unknown,
  allowed: string,
  /** the report's units: an unknown `unit:` is told what the author may have meant */
  units?: UnitTable,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const issue of error.issues) {
    const rel = issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p));
    const { node, key } = locate(nodeYaml, rel);
    const found = valueAt(input, rel);
    const where = { ...y.at(node ?? key), dataPath: dataPathOf(rel) };
    switch (issue.code) {
      case 'unrecognized_keys':
        for (const k of issue.keys) {
          // { value: 1,200 }: in a flow mapping the comma splits the number into `value: 1` and a key "200"
          const split = /^\d+(\.\d+)?$/.test(k) ? thousandsSplit(y, locate(node, [k]).key) : undefined;
          if (split) {
            out.push(diag('DATA_SCHEMA', { expected: 'a number without thousands separators', found: split.written, hint: `Write ${split.number}: in { … } a comma separates fields, so ${split.written} reads as ${split.written.split(',')[0]} and a key "${k}".` }, { ...y.atOffset(split.offset), dataPath: dataPathOf([...rel, split.field]) }));
            continue;
          }
          const loc = locate(node, [k]);
          out.push(diag('DATA_UNKNOWN_KEY', { key: k, allowed }, { ...y.at(loc.key), dataPath: dataPathOf([...rel, k]) }));
        }
        break;
      case 'invalid_type':
        if (found === undefined) {
          const parent = locate(nodeYaml, rel.slice(0, -1));
          out.push(diag('DATA_MISSING_KEY', { key: String(rel[rel.length - 1]), where: `expected ${article(issue.expected)}` }, { ...y.at(parent.key ?? parent.node), dataPath: dataPathOf(rel) }));
        } else if (typeof found === 'number' && !Number.isFinite(found)) out.push(diag('DATA_SCHEMA', { expected: 'a finite number', found: describeValue(found) }, where));
        else out.push(diag('DATA_SCHEMA', { expected: article(issue.expected), found: describeValue(found), hint: entryAdvice(rel[rel.length - 1], found) }, where));
        break;
      case 'invalid_value': {
        if (units && rel[rel.length - 1] === 'unit' && typeof found === 'string') {
          out.push(diag('DATA_UNKNOWN_UNIT', { unit: found, advice: unitAdvice(units, found) }, where));
          break;
        }
        const values = issue.values.map((v) => String(v));
        const guess = typeof found === 'string' ? closest(found, values) : undefined;
        const expected = values.length > 8 ? `one of the ${values.length} allowed values${guess ? ` (did you mean "${guess}"?)` : ''}` : `one of ${values.map((v) => JSON.stringify(v)).join(', ')}`;
        out.push(diag('DATA_SCHEMA', { expected, found: describeValue(found) }, where));
        break;
      }
      case 'too_small':
      case 'too_big': {
        const bound = issue.code === 'too_small' ? `at least ${issue.minimum}` : `at most ${issue.maximum}`;
        const expected =
          issue.code === 'too_small' && Number(issue.minimum) === 1 && (issue.origin === 'string' || issue.origin === 'array')
            ? issue.origin === 'string' ? 'a non-empty text' : 'a list with at least one entry'
            : issue.origin === 'string' ? `a text of ${bound} characters` : issue.origin === 'array' ? `a list of ${bound} entries` : `a number ${bound}`;
        const length = (typeof found === 'string' || Array.isArray(found)) && found.length > 0 ? ` (${found.length} ${typeof found === 'string' ? 'characters' : 'entries'})` : '';
        out.push(diag('DATA_SCHEMA', { expected, found: describeValue(found) + length }, where));
        break;
      }
      case 'invalid_union':
      case 'invalid_format':
      default:
        out.push(diag('DATA_SCHEMA', { expected: expectedFromMessage(issue.message), found: describeValue(found), hint: entryAdvice(rel[rel.length - 1], found) }, where));
    }
  }
  return out;
}

/** `value: 1,200` in a flow mapping, from the stray key ("200") back to the field it split. */
function thousandsSplit(y: ParsedYaml, key: YamlNode | undefined): { field: string; written: string; number: string; offset: number } | undefined {
  const start = key?.range?.[0];
  if (start === undefined) return undefined;
  const m = /([A-Za-z_]\w*)\s*:\s*(-?\d{1,3})((?:\s*,\s*\d{3})*)\s*,\s*$/.exec(y.text.slice(Math.max(0, start - 80), start));
  if (!m) return undefined;
  const end = /^\d{3}(\.\d+)?/.exec(y.text.slice(start))?.[0];
  if (!end) return undefined;
  const written = `${m[2]}${m[3].replace(/\s/g, '')},${end}`;
  const offset = start - (m[0].length - m[0].indexOf(m[2], m[1].length));
  return { field: m[1], written, number: written.replaceAll(',', ''), offset };
}

function expectedFromMessage(message: string): string {
  return message.replace(/^Invalid (input|string)(: )?/i, '').replace(/^must match pattern.*/, 'a value of the right format') || 'a valid value';
}

function valueAt(v: unknown, path: (string | number)[]): unknown {
  let cur = v;
  for (const seg of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string | number, unknown>)[seg];
  }
  return cur;
}

