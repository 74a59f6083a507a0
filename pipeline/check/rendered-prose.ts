/**
 * A chapter as Handlebars hands it to Markdown (issue 21): the text each ContentStatement emits
 * (an escaped `\{{…}}` is plain text there, whitespace control applied, comments gone) and a
 * placeholder for each binding, whose output is a mark the renderer swaps for a text node, never
 * markup. The prose checks read this, not the source, so no escape or comment hides anything
 * from them; `origin[i]` is the offset in the chapter body of the text's character i.
 */
export interface RenderedProse {
  text: string;
  origin: number[];
}

/** What a binding leaves in the Markdown while it is checked: private-use characters, no digits, no markup. */
export const bindingPlaceholder = '\uE000\uE001';

export function renderedProse(ast: hbs.AST.Program, body: string): RenderedProse {
  const lineStarts = [0];
  for (let i = body.indexOf('\n'); i >= 0; i = body.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  const offsetOf = (p: hbs.AST.Position) => (lineStarts[p.line - 1] ?? body.length) + p.column;
  let text = '';
  const origin: number[] = [];
  for (const stmt of ast.body) {
    if (stmt.type === 'ContentStatement') {
      const c = stmt as hbs.AST.ContentStatement & { original: string };
      // whitespace control trims `value` out of `original`; what is left is still where it was
      const start = offsetOf(c.loc.start) + Math.max(0, c.original.indexOf(c.value));
      for (let i = 0; i < c.value.length; i++) origin.push(start + i);
      text += c.value;
    } else if (stmt.type === 'MustacheStatement') {
      const at = offsetOf(stmt.loc.start);
      for (let i = 0; i < bindingPlaceholder.length; i++) origin.push(at);
      text += bindingPlaceholder;
    }
    // comments print nothing; blocks and partials are refused by the chapter check
  }
  return { text, origin };
}
