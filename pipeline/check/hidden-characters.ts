/**
 * Text that cannot deceive (issue 21): bidi controls (an U+202E turns "cba" printed into "abc"
 * read), invisible characters (zero-width spaces and joiners, word joiners, a byte-order mark
 * inside a file) and control characters in data, chapters and the layout's words are errors at
 * their position, since a reviewer reading the pull request does not see what the PDF will print.
 * A byte-order mark at the very start is FILE_ENCODING's (source-text.ts).
 */
import { diag, type Diagnostic } from '../core/errors.ts';
import { positionAt, type SourceFile } from '../core/source-text.ts';

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
    for (const m of text.matchAll(any)) {
      if (m.index === 0 && m[0] === '\ufeff') continue;
      out.push(diag('HIDDEN_CHARACTER', { kind: hiddenKind(m[0])!, codePoint: codePoint(m[0]) }, { file: f.path, ...positionAt(text, m.index!) }));
    }
  }
  return out;
}
