/**
 * Text that cannot deceive (issue 21): bidi controls (an U+202E turns "cba" printed into "abc"
 * read), invisible characters (zero-width spaces and joiners, word joiners, a byte-order mark
 * inside a file) and control characters in data, chapters and the layout's words are errors at
 * their position, since a reviewer reading the pull request does not see what the PDF will print.
 * A byte-order mark at the very start is FILE_ENCODING's (source-text.ts).
 */
import { CST, Parser } from 'yaml';
import { diag, type Diagnostic } from '../core/errors.ts';
import { positionsIn, type SourceFile } from '../core/source-text.ts';

/** What each kind is called in the message. */
const kinds: [RegExp, string][] = [
  [/[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/, 'a bidirectional control'],
  [/[\u200b-\u200d\u2060-\u2064\ufeff\u00ad\u180e]/, 'an invisible character'],
  [/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/, 'a control character'],
];
const any = new RegExp(kinds.map(([re]) => re.source).join('|'), 'g');

/** What a character is called in the message, if it is one that must not print. */
export function hiddenKind(c: string): string | undefined {
  return kinds.find(([re]) => re.test(c))?.[1];
}

export const codePoint = (c: string) => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

export function hiddenCharacters(files: SourceFile[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const f of files) {
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(f.bytes);
    } catch {
      continue; // not UTF-8: FILE_ENCODING says so where the file is loaded
    }
    // line starts found once a file has something to report, not once per character found
    let position: ReturnType<typeof positionsIn> | undefined;
    const positionAt = (offset: number) => (position ??= positionsIn(text))(offset);
    for (const m of text.matchAll(any)) {
      if (m.index === 0 && m[0] === '\ufeff') continue;
      out.push(diag('HIDDEN_CHARACTER', { kind: hiddenKind(m[0])!, codePoint: codePoint(m[0]) }, { file: f.path, ...positionAt(m.index!) }));
    }
    const yaml = f.path.endsWith('.yaml') ? { text, from: 0 } : frontMatter(text);
    if (yaml) for (const e of yamlEscapes(yaml.text)) out.push(diag('HIDDEN_CHARACTER', { kind: `${e.kind} written as ${e.written}`, codePoint: codePoint(e.char) }, { file: f.path, ...positionAt(yaml.from + e.offset) }));
  }
  return out;
}

/** A chapter's front matter (its title is YAML too), and where it starts in the file. */
function frontMatter(text: string): { text: string; from: number } | undefined {
  const m = /^---\r?\n([\s\S]*?)\r?\n---\r?\n/.exec(text);
  return m ? { text: m[1], from: m[0].indexOf(m[1]) } : undefined;
}

/** YAML's one-letter escapes in a double-quoted string, by the letter after the backslash. */
const letterEscapes: Record<string, string> = { '0': '\0', a: '\x07', b: '\b', t: '\t', n: '\n', v: '\v', f: '\f', r: '\r', e: '\x1b', N: '\u0085', _: '\u00a0', L: '\u2028', P: '\u2029' };
const escapeSequence = /\\(?:x([0-9a-fA-F]{2})|u([0-9a-fA-F]{4})|U([0-9a-fA-F]{8})|([\s\S]))/g;

/**
 * Hidden characters a double-quoted YAML string makes from escapes ("\u202E", "\f"): the file's
 * text shows none, so the scan of the text above cannot see them, yet the value holds them (a
 * title's "\f" broke out of the CSS string it was written into). A "\r" counts too: no text of a
 * report prints a carriage return. Offsets are the escape's, in `text`.
 */
function yamlEscapes(text: string): { offset: number; char: string; kind: string; written: string }[] {
  const found: { offset: number; char: string; kind: string; written: string }[] = [];
  const scan = (token: CST.Token | undefined) => {
    if (token?.type !== 'double-quoted-scalar') return;
    for (const m of token.source.matchAll(escapeSequence)) {
      const hex = m[1] ?? m[2] ?? m[3];
      const char = hex ? String.fromCodePoint(parseInt(hex, 16)) : letterEscapes[m[4]];
      const kind = char === undefined ? undefined : char === '\r' ? 'a control character' : hiddenKind(char);
      if (kind) found.push({ offset: token.offset + m.index!, char, kind, written: m[0] });
    }
  };
  for (const doc of new Parser().parse(text)) {
    if (doc.type !== 'document') continue;
    scan(doc.value);
    CST.visit(doc, (item) => {
      scan(item.key ?? undefined);
      scan(item.value);
    });
  }
  return found;
}
