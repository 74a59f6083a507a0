/**
 * Reads the pipeline's own HTML (out/report.html) back as hast, with every element's offsets in
 * the source, so the edition diff can compare two editions and splice marks into one without
 * re-serialising the rest (the inline SVG charts stay byte for byte).
 *
 * Made for well-formed, machine-written HTML — what hast-util-to-html and the Handlebars layout
 * write: every element closed, void elements, raw-text <style>/<script>, `/>` in SVG, character
 * references. It is not a general HTML5 parser (no implied end tags, no error recovery beyond
 * ignoring a stray end tag); `hast-util-from-html` would be the drop-in replacement.
 */
import type { Element, ElementContent, Properties, Root } from 'hast';

/** Where an element sits in the source: `<tag …>` is [start, openEnd), `</tag>` is [closeStart, end). */
export interface Offsets {
  start: number;
  openEnd: number;
  closeStart: number;
  end: number;
}

export interface ParsedHtml {
  source: string;
  root: Root;
  offsets: WeakMap<Element, Offsets>;
}

const voidElements = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);
const rawTextElements = new Set(['script', 'style', 'title', 'textarea']);
const tagName = /<([A-Za-z][A-Za-z0-9:-]*)/y;
const attribute = /\s*([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/y;
const tagEnd = /\s*(\/?)>/y;
const endTag = /<\/([A-Za-z][A-Za-z0-9:-]*)\s*>/y;

export function parseHtml(source: string): ParsedHtml {
  const root: Root = { type: 'root', children: [] };
  const offsets = new WeakMap<Element, Offsets>();
  const stack: (Element | Root)[] = [root];
  const top = () => stack[stack.length - 1];
  const text = (value: string) => {
    if (!value) return;
    const parent = top();
    const last = parent.children[parent.children.length - 1];
    if (last?.type === 'text') last.value += value;
    else (parent.children as ElementContent[]).push({ type: 'text', value });
  };
  const close = (el: Element, closeStart: number, end: number) => {
    const o = offsets.get(el)!;
    o.closeStart = closeStart;
    o.end = end;
  };

  let i = 0;
  while (i < source.length) {
    const lt = source.indexOf('<', i);
    if (lt < 0) {
      text(decodeEntities(source.slice(i)));
      break;
    }
    if (lt > i) text(decodeEntities(source.slice(i, lt)));
    if (source.startsWith('<!--', lt)) {
      const end = source.indexOf('-->', lt + 4);
      i = end < 0 ? source.length : end + 3;
      continue;
    }
    if (source[lt + 1] === '!' || source[lt + 1] === '?') {
      const end = source.indexOf('>', lt);
      i = end < 0 ? source.length : end + 1;
      continue;
    }
    endTag.lastIndex = lt;
    const closing = endTag.exec(source);
    if (closing) {
      const name = closing[1].toLowerCase();
      let at = stack.length - 1;
      while (at > 0 && (stack[at] as Element).tagName.toLowerCase() !== name) at--;
      if (at > 0) {
        while (stack.length > at + 1) {
          const open = stack.pop() as Element; // closed implicitly by an ancestor's end tag
          close(open, lt, lt);
        }
        close(stack.pop() as Element, lt, endTag.lastIndex);
      }
      i = endTag.lastIndex;
      continue;
    }
    tagName.lastIndex = lt;
    const opening = tagName.exec(source);
    if (!opening) {
      text('<');
      i = lt + 1;
      continue;
    }
    const properties: Properties = {};
    let at = tagName.lastIndex;
    for (;;) {
      tagEnd.lastIndex = at;
      if (tagEnd.test(source)) break;
      attribute.lastIndex = at;
      const a = attribute.exec(source);
      if (!a || attribute.lastIndex === at) {
        at += 1; // a character no attribute can start with: skip it
        continue;
      }
      setProperty(properties, a[1], decodeEntities(a[2] ?? a[3] ?? a[4] ?? ''));
      at = attribute.lastIndex;
    }
    tagEnd.lastIndex = at;
    const selfClosing = tagEnd.exec(source)![1] === '/';
    const openEnd = tagEnd.lastIndex;
    const el: Element = { type: 'element', tagName: opening[1], properties, children: [] };
    (top().children as ElementContent[]).push(el);
    offsets.set(el, { start: lt, openEnd, closeStart: openEnd, end: openEnd });
    const name = opening[1].toLowerCase();
    if (selfClosing || voidElements.has(name)) {
      i = openEnd;
      continue;
    }
    if (rawTextElements.has(name)) {
      const closeAt = source.toLowerCase().indexOf(`</${name}`, openEnd);
      const contentEnd = closeAt < 0 ? source.length : closeAt;
      const raw = source.slice(openEnd, contentEnd);
      if (raw) el.children.push({ type: 'text', value: name === 'title' || name === 'textarea' ? decodeEntities(raw) : raw });
      const end = closeAt < 0 ? source.length : source.indexOf('>', closeAt) + 1;
      close(el, contentEnd, end);
      i = end;
      continue;
    }
    stack.push(el);
    i = openEnd;
  }
  while (stack.length > 1) close(stack.pop() as Element, source.length, source.length);
  return { source, root, offsets };
}

/** hast's property names for the attributes the diff reads: class → className, data-x-y → dataXY; others as written. */
function setProperty(properties: Properties, name: string, value: string): void {
  const lower = name.toLowerCase();
  if (lower === 'class') properties.className = value.split(/\s+/).filter(Boolean);
  else if (lower.startsWith('data-')) properties['data' + lower.slice(5).replace(/-([a-z0-9])/g, (_m, c: string) => c.toUpperCase()).replace(/^[a-z]/, (c) => c.toUpperCase())] = value;
  else properties[name] = value;
}

const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

export function decodeEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#[xX][0-9a-fA-F]+|#\d+|[a-zA-Z]+);/g, (m, ref: string) => {
    if (ref[0] === '#') {
      const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return Number.isFinite(code) && code >= 0 && code <= 0x10ffff ? String.fromCodePoint(code) : m;
    }
    return named[ref] ?? m;
  });
}

export function hasClass(node: Element, name: string): boolean {
  const c = node.properties?.className;
  return Array.isArray(c) && c.includes(name);
}

/** The concatenated text of a node. */
export function textContent(node: Element | Root | ElementContent): string {
  if (node.type === 'text') return node.value;
  if (node.type === 'element' || node.type === 'root') return node.children.map((c) => textContent(c as ElementContent)).join('');
  return '';
}
