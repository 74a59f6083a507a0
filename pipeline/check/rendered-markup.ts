/**
 * The layout checked on what it produces (issue 21), not on its source text: the rendered
 * document is parsed (hast) and every element, attribute and URL held against an allow-list, in
 * the spirit of hast-util-sanitize's schema; every stylesheet (a <style>, a style="…", the page
 * furniture) is parsed by css-tree. So no spelling trick in a template's source (a comment inside
 * a tag name, an entity, a partial that opens what another closes) can bring in an element, a
 * handler, a URL or a network hint: the browser would have seen what this check sees.
 *
 * Rendered templates are told apart by comment markers (`<!--tpl:name-->` … `<!--/tpl:name-->`)
 * that the check's own assembly puts around each template's output (render/check-layout.ts).
 */
import * as csstree from 'css-tree';
import type { Element, Root, RootContent, ElementContent } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { diag, type Diagnostic } from '../core/errors.ts';

const html = ['html', 'head', 'body', 'meta', 'title', 'link', 'style', 'section', 'nav', 'header', 'footer', 'main', 'article', 'aside', 'div', 'p', 'span', 'a', 'strong', 'em', 'b', 'i', 'code', 'sup', 'sub', 'del', 's', 'blockquote', 'br', 'wbr', 'hr', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'ul', 'ol', 'li', 'dl', 'dt', 'dd', 'figure', 'figcaption', 'table', 'caption', 'colgroup', 'col', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td'];
/** What Vega draws a chart with: shapes and text, no <image>, <use>, <a> or <foreignObject>. */
const svg = ['svg', 'g', 'defs', 'clipPath', 'path', 'rect', 'line', 'circle', 'ellipse', 'polygon', 'polyline', 'text', 'tspan', 'title', 'desc'];
export const allowedElements: ReadonlySet<string> = new Set([...html, ...svg]);

/** Attributes (hast property names) any element may have; `data*` and `aria*` too. */
const globalAttributes = new Set(['className', 'id', 'lang', 'role', 'style', 'title']);
const svgAttributes = ['xmlns', 'xmlnsXLink', 'version', 'width', 'height', 'viewBox', 'transform', 'd', 'x', 'y', 'x1', 'y1', 'x2', 'y2', 'cx', 'cy', 'r', 'rx', 'ry', 'points', 'fill', 'fillOpacity', 'fillRule', 'stroke', 'strokeWidth', 'strokeOpacity', 'strokeDashArray', 'strokeDashOffset', 'strokeLineCap', 'strokeLineJoin', 'strokeMiterLimit', 'opacity', 'textAnchor', 'fontFamily', 'fontSize', 'fontWeight', 'fontStyle', 'dominantBaseline', 'dx', 'dy', 'pointerEvents', 'display', 'clipPath', 'preserveAspectRatio', 'visibility'];
const perElement: Record<string, Set<string>> = {
  a: new Set(['href', 'tabIndex']),
  link: new Set(['rel', 'href']),
  meta: new Set(['charSet', 'name', 'content']),
  ol: new Set(['start']),
  td: new Set(['colSpan', 'rowSpan']),
  th: new Set(['colSpan', 'rowSpan', 'scope']),
  col: new Set(['span']),
  ...Object.fromEntries(svg.map((t) => [t, new Set(svgAttributes)])),
};

const noJs = 'The print page runs no JavaScript: remove it (layout belongs in print.css, content in data/ and chapters/).';
const noFetch = "The print page loads only the document's stylesheets and fonts: links inside the document are #anchors; layout templates print no other element, URL or network hint.";

export interface Problem {
  /** the template whose output holds it (from the markers), or undefined outside every template */
  template?: string;
  what: string;
  hint: string;
}

/** Every element, attribute, URL and stylesheet of a rendered document that the allow-list does not hold. */
export function renderedProblems(document: string): Problem[] {
  const out: Problem[] = [];
  const stack: string[] = [];
  const add = (what: string, hint: string) => out.push({ template: stack.at(-1), what, hint });
  const walk = (node: Root | RootContent | ElementContent) => {
    if (node.type === 'comment') {
      const m = /^(\/?)tpl:([a-z]+)$/.exec(node.value);
      if (m) void (m[1] ? stack.pop() : stack.push(m[2]));
      return;
    }
    if (node.type === 'element') checkElement(node, add);
    if ('children' in node) node.children.forEach(walk);
    if (node.type === 'element' && node.content) walk(node.content);
  };
  walk(fromHtml(document));
  return out;
}

function checkElement(el: Element, add: (what: string, hint: string) => void): void {
  const tag = el.tagName;
  if (!allowedElements.has(tag)) return add(`a <${tag}> element`, tag === 'script' ? noJs : noFetch);
  for (const [name, value] of Object.entries(el.properties)) {
    const text = Array.isArray(value) ? value.join(' ') : String(value);
    if (/^on/i.test(name)) add(`an event-handler attribute (${name})`, noJs);
    else if (!(globalAttributes.has(name) || /^(data|aria)[A-Z]/.test(name) || perElement[tag]?.has(name))) add(`the attribute ${name} on <${tag}>`, noFetch);
    else if (name === 'style') cssProblems(text, 'declarationList').forEach((p) => add(p, noFetch));
    else if (/url\s*\(/i.test(text) && !/^url\(#[\w-]+\)$/.test(text)) add(`a url() in ${name} (${text.slice(0, 80)})`, noFetch);
  }
  if (tag === 'a' && el.properties.href !== undefined && !String(el.properties.href).startsWith('#')) add(`a link to ${String(el.properties.href).slice(0, 80)}`, noFetch);
  if (tag === 'link') {
    const rel = ([] as unknown[]).concat(el.properties.rel ?? []).join(' ');
    const href = String(el.properties.href ?? '');
    // preconnect, prefetch, dns-prefetch, preload, icon …: a connection or a request the page did not need
    if (rel !== 'stylesheet') add(`a <link rel="${rel}"> (a network hint or a request)`, noFetch);
    else if (/^[a-z][a-z0-9+.-]*:|^\/\//i.test(href)) add(`a stylesheet from ${href.slice(0, 80)}`, noFetch);
  }
  if (tag === 'meta' && el.properties.name === undefined && el.properties.charSet === undefined) add('a <meta> that is neither a charset nor a named value', noFetch);
  if (tag === 'style') cssProblems(el.children.map((c) => ('value' in c ? c.value : '')).join(''), 'stylesheet').forEach((p) => add(p, noFetch));
}

/**
 * What a stylesheet of the document may not do: load anything (@import, a url() that is not a
 * #fragment), or run code (expression(), -moz-binding, behavior). Parsed by css-tree, so
 * escapes (`\75 rl(`) and comments hide nothing.
 */
export function cssProblems(css: string, context: 'stylesheet' | 'declarationList', urlProblem: (url: string) => string | undefined = (u) => (u.startsWith('#') ? undefined : `a stylesheet loading ${u.slice(0, 80) || 'a file'} (url() or @import)`)): string[] {
  return cssFindings(css, context, urlProblem).map((f) => f.what);
}

/** An identifier as the browser reads it: escapes decoded (`@im\\70 ort` is @import), any case. */
const name = (raw: string) => csstree.ident.decode(raw).toLowerCase();

/** cssProblems with where each one starts in `css` (an offset). */
export function cssFindings(css: string, context: 'stylesheet' | 'declarationList', urlProblem: (url: string) => string | undefined): { what: string; offset: number }[] {
  const out: { what: string; offset: number }[] = [];
  let ast: csstree.CssNode;
  try {
    ast = csstree.parse(css, { context, positions: true, onParseError: () => undefined });
  } catch {
    return [{ what: 'CSS that cannot be parsed', offset: 0 }];
  }
  csstree.walk(ast, (node) => {
    const offset = node.loc?.start.offset ?? 0;
    const problem = node.type === 'Url' ? urlProblem(node.value) : undefined;
    if (problem) out.push({ what: problem, offset });
    if (node.type === 'Atrule' && name(node.name) === 'import') {
      let target = '';
      if (node.prelude) csstree.walk(node.prelude, (n) => void ((n.type === 'String' || n.type === 'Url') && (target ||= n.value)));
      const p = urlProblem(target);
      if (p) out.push({ what: p, offset });
    }
    // url() spelt as a function (`u\\72 l("x")`) and the other functions that load an image
    if (node.type === 'Function' && /^(url|src|image|image-set|-webkit-image-set|cross-fade|element)$/.test(name(node.name))) out.push({ what: `a stylesheet loading with ${name(node.name)}()`, offset });
    if (node.type === 'Function' && name(node.name) === 'expression') out.push({ what: 'CSS that runs code (expression)', offset });
    if (node.type === 'Declaration' && /^(-moz-binding|behavior)$/.test(name(node.property))) out.push({ what: `CSS that runs code (${name(node.property)})`, offset });
  });
  return out;
}

/** The problems as TEMPLATE_UNSAFE diagnostics at the template that rendered them. */
export function renderedDiagnostics(problems: Problem[], fileOf: (template: string) => string): Diagnostic[] {
  const seen = new Set<string>();
  return problems.flatMap((p) => {
    const file = fileOf(p.template ?? 'layout');
    const key = `${file}\0${p.what}`;
    if (seen.has(key)) return [];
    seen.add(key);
    return [diag('TEMPLATE_UNSAFE', { what: `${p.what} (in the rendered output)`, hint: p.hint }, { file })];
  });
}
