/**
 * Text made safe for the place it is written to, one function per context: HTML (and XML) text
 * and attribute values, a string in CSS, Markdown for the pull-request comment. Data strings are
 * literal text wherever they land; these are the only escapers of the pipeline.
 */

/**
 * C0 control characters other than tab, line feed and carriage return, and DEL: not allowed in
 * XML (a chart's SVG file) and parse errors in HTML, and no character reference can carry them.
 */
const controls = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

/** What a control character becomes in HTML and Markdown: the replacement character, visibly. */
const withoutControls = (s: string) => s.replace(controls, '\ufffd');

const htmlEntities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

/** HTML or XML text, or a double-quoted attribute value. */
export function escapeHtml(s: string): string {
  return withoutControls(s).replace(/[&<>"]/g, (c) => htmlEntities[c]);
}

/**
 * The inside of a double-quoted CSS string in a <style> element: backslashes, quotes, line
 * breaks and every other control character as CSS hex escapes, and `<` too, so no text can
 * close the <style> element. (The space ends the escape; CSS swallows it.)
 */
export function cssString(s: string): string {
  return s.replace(/[\\"'<\u0000-\u001f\u007f]/g, (c) => `\\${c.charCodeAt(0).toString(16)} `);
}

/**
 * Text for a GitHub Markdown line: what would be HTML escaped (GitHub renders inline HTML), the
 * Markdown punctuation that would format, link or break a table backslashed (`![x](…)` is no
 * image once its brackets are), line breaks folded into one space. GitHub links `@user`,
 * `@org/team`, `#123` and bare `https://` addresses in plain text whatever is escaped, so a word
 * joiner (U+2060, invisible, not a word character) goes after `@`, `#` before a digit and `:` of
 * `://`: the text reads the same and nobody is notified (issue 21).
 */
export function escapeMarkdown(s: string): string {
  return withoutControls(s)
    .replace(/[&<>]/g, (c) => htmlEntities[c])
    .replace(/[\\`*_[\]|~!]/g, (c) => `\\${c}`)
    .replace(/@|#(?=\d)|:(?=\/\/)/g, (c) => `${c}\u2060`)
    .replace(/\s*[\r\n]\s*/g, ' ');
}
