/** The escapers, one per context: what goes in comes out as the same text for whoever reads that context. */
import type { Element } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { toString } from 'hast-util-to-string';
import { describe, expect, it } from 'vitest';
import * as csstree from 'css-tree';
import { cssString, escapeHtml, escapeMarkdown } from '../../pipeline/core/escape.ts';

const hostile = 'A&B <script>alert("x")</script> \'q\' back\\slash\ttab\nline\rcr \u0000nul\u0007bel\u001besc\u007fdel 中文';
/** the same text as a reader gets it: control characters (but tab, line feed, carriage return) shown as U+FFFD */
const asRead = hostile.replace(/[\u0000\u0007\u001b\u007f]/g, '\ufffd');

/** CSS's own reading of a string's escapes: backslash, 1–6 hex digits, one optional white space; a zero is U+FFFD. */
const readCssString = (s: string) => s.replace(/\\([0-9a-f]{1,6})[ \t\n]?|\\(.)/gi, (_m, hex: string | undefined, ch: string | undefined) => (hex ? (parseInt(hex, 16) === 0 ? '\ufffd' : String.fromCodePoint(parseInt(hex, 16))) : ch!));

describe('escapeHtml', () => {
  it('escapes &, <, > and double quotes', () => {
    expect(escapeHtml('a & b < c > d "e" \'f\' \\g')).toBe('a &amp; b &lt; c &gt; d &quot;e&quot; \'f\' \\g');
  });

  it('gives back the text as written, in an element and in an attribute, to an HTML parser', () => {
    const tree = fromHtml(`<p title="${escapeHtml(hostile)}">${escapeHtml(hostile)}</p>`, { fragment: true });
    const p = tree.children[0] as Element;
    expect(toString(p)).toBe(asRead.replace(/\r/g, '\n')); // HTML reads a carriage return as a line feed
    expect(p.properties.title).toBe(asRead.replace(/\r/g, '\n'));
    expect(p.children).toHaveLength(1); // no element came through
  });

  it('leaves no character XML refuses (a chart’s SVG file is XML)', () => {
    expect(escapeHtml(hostile)).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f<"]/);
  });
});

describe('cssString', () => {
  it('escapes backslashes, quotes, line breaks, control characters and < as hex escapes', () => {
    expect(cssString('a"b\\c<d\ne\'f')).toBe('a\\22 b\\5c c\\3c d\\a e\\27 f');
    expect(cssString(hostile)).not.toMatch(/["'<\n\r\u0000-\u001f\u007f]/);
  });

  it('reads back as the text it was made from, by CSS’s rules', () => {
    expect(readCssString(cssString(hostile))).toBe(hostile.replace('\u0000', '\ufffd'));
    expect(readCssString(cssString('第 1 页 \\"'))).toBe('第 1 页 \\"');
  });

  it('cannot close the <style> element it is written into', () => {
    const tree = fromHtml(`<style>@page { content: "${cssString('</style><script>x</script>')}"; }</style>`, { fragment: true });
    expect(tree.children.map((c) => (c as Element).tagName)).toEqual(['style']);
  });
});

describe('escapeMarkdown', () => {
  it('backslashes what would format, link or break a table, and escapes HTML', () => {
    expect(escapeMarkdown('*a* _b_ [c](d) |e| ~f~ `g` \\h <i>&')).toBe('\\*a\\* \\_b\\_ \\[c\\](d) \\|e\\| \\~f\\~ \\`g\\` \\\\h &lt;i&gt;&amp;');
  });

  it('keeps a text on one line and shows control characters', () => {
    expect(escapeMarkdown('one\n  two\r\nthree\rfour\u0000')).toBe('one two three four\ufffd');
    expect(escapeMarkdown(hostile)).not.toMatch(/[\n\r\u0000-\u0008\u000b-\u001f\u007f<]/);
  });

  it('leaves double quotes and Chinese text as they are (GitHub shows them)', () => {
    expect(escapeMarkdown('“引号” "quotes"')).toBe('“引号” "quotes"');
  });
});

/** Issue 21: every escaper against the characters that broke out of their contexts. */
describe('every escaper, with \\r, \\f, controls, quotes, backslashes, <, @ and ]]>', () => {
  const nasty = 'a\rb\fc\u0001d\u001fe"f\'g\\h<i>@org/team ]]> #12 https://x.example/y.png ![img](https://x.example/y.png)';

  it('escapeHtml: one text node, nothing XML refuses, ]]> cannot end a CDATA section', () => {
    const out = escapeHtml(nasty);
    expect(out).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f<>"]/);
    expect(out).toContain(']]&gt;');
    const p = fromHtml(`<p>${out}</p>`, { fragment: true }).children[0] as Element;
    expect(p.children).toHaveLength(1);
  });

  it('cssString: \\r and \\f cannot end the string: css-tree reads one string with the text', () => {
    const css = `@page { @top-left { content: "${cssString(nasty)}"; } } p { color: red }`;
    expect(cssString('x\ry\fz')).toBe('x\\d y\\c z');
    const strings: string[] = [];
    csstree.walk(csstree.parse(css), (n) => void (n.type === 'String' && strings.push(n.value)));
    expect(strings).toEqual([nasty.replace(/[\u0001\u001f]/g, (c) => c)]);
  });

  it('escapeMarkdown: no mention, issue link, image, HTML or line break comes through', () => {
    const out = escapeMarkdown(nasty);
    expect(out).not.toMatch(/@org|#12|https:\/\/|!\[|<|[\r\n\f]/);
    expect(out).toContain('@\u2060org/team');
    expect(out).toContain('\\!\\[img\\]');
    expect(out.replace(/\u2060/g, '').replace(/\\(.)/g, '$1')).toBe('a b\ufffdc\ufffdd\ufffde"f\'g\\h&lt;i&gt;@org/team ]]&gt; #12 https://x.example/y.png ![img](https://x.example/y.png)');
  });
});
