/**
 * A failed build as the preview's overlay lists it: each diagnostic with its place as plain
 * `file:line:column` text and as a link that opens the editor there (`vscode://file/<abs>:<line>:<column>`).
 */
import { isAbsolute, join } from 'node:path';
import { BuildError } from '../core/errors.ts';

export interface ShownError {
  /** `file:line:column`, as the terminal prints it */
  at?: string;
  /** opens the file at the line in VS Code */
  href?: string;
  text: string;
}

export function shownErrors(e: unknown, root: string): ShownError[] {
  if (!(e instanceof BuildError)) return [{ text: String((e as Error)?.message ?? e) }];
  return e.diagnostics.map((d) => {
    const text = `${d.message}  [${d.code}]\n${d.severity === 'warning' ? 'warning' : 'hint'}: ${d.hint}`;
    if (d.file === undefined) return { text };
    const place = [d.line, d.line !== undefined ? d.column : undefined].filter((x) => x !== undefined);
    const abs = isAbsolute(d.file) ? d.file : join(root, d.file);
    return { at: [d.file, ...place].join(':'), href: `vscode://file${encodeURI(abs)}${place.map((p) => `:${p}`).join('')}`, text };
  });
}
