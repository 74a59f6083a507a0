/** The allow-list the rendered layout is held against (issue 21): elements, attributes, URLs, network hints and CSS, however spelt. */
import { describe, expect, it } from 'vitest';
import { cssProblems, renderedProblems } from '../../pipeline/check/rendered-markup.ts';

const whats = (html: string) => renderedProblems(html).map((p) => `${p.template ?? '-'}: ${p.what}`);

describe('renderedProblems', () => {
  it('accepts the markup the layout prints: sections, lists, tables, anchors, stylesheets, an inline chart', () => {
    const doc = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="author" content="x"><link rel="stylesheet" href="../templates/print.css?v=1"><style id="f">@page { @top-left { content: "x" } }</style></head>
      <body><!--tpl:front--><nav class="toc" aria-label="x"><a href="#ch-1">x</a></nav><!--/tpl:front--><section id="ch-1" aria-labelledby="h"><h1 id="h">x</h1><p class="x"><strong>b</strong> <span data-path="a.b">1</span></p>
      <figure class="chart" data-chart="c"><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10" role="graphics-document"><defs><clipPath id="c"><rect width="1" height="1"/></clipPath></defs><g clip-path="url(#c)" transform="translate(1,1)"><path d="M0,0L1,1" stroke-width="1"/><text text-anchor="middle" font-size="9">x</text></g></svg></figure>
      <table><thead><tr><th scope="col">a</th></tr></thead><tbody><tr><td data-path="x">1</td></tr></tbody></table></section></body></html>`;
    expect(whats(doc)).toEqual([]);
  });

  it('names what is not allowed and the template whose output holds it', () => {
    const doc = `<html><head><link rel="dns-prefetch" href="//evil.example"><link rel="stylesheet" href="https://evil.example/x.css"></head><body>
      <!--tpl:figure--><iframe src="../.git/config"></iframe><img src="x.png"><a href="file:///etc/passwd">x</a><p onclick="x" style="background: u\\72 l(/etc/passwd)">x</p><!--/tpl:figure-->
      <!--tpl:back--><svg><image href="x.png"/><g fill="url(https://x/y)"></g></svg><meta http-equiv="refresh" content="0; url=https://x"><!--/tpl:back--></body></html>`;
    expect(whats(doc)).toEqual([
      '-: a <link rel="dns-prefetch"> (a network hint or a request)',
      '-: a stylesheet from https://evil.example/x.css',
      'figure: a <iframe> element',
      'figure: a <img> element',
      'figure: a link to file:///etc/passwd',
      'figure: an event-handler attribute (onClick)',
      'figure: a stylesheet loading with url()',
      'back: a <image> element',
      'back: a url() in fill (url(https://x/y))',
      'back: the attribute httpEquiv on <meta>',
      'back: a <meta> that is neither a charset nor a named value',
    ]);
  });
});

describe('cssProblems', () => {
  it('sees through escapes, comments and case: @import, url(), expression(), -moz-binding', () => {
    expect(cssProblems('@IM\\50 ORT "a.css"; p { background: /* */ URL( "x.png" ) } q { width: ex\\70 ression(1); -moz-bind\\69ng: x }', 'stylesheet')).toEqual([
      'a stylesheet loading a.css (url() or @import)',
      'a stylesheet loading x.png (url() or @import)',
      'CSS that runs code (expression)',
      'CSS that runs code (-moz-binding)',
    ]);
    expect(cssProblems('clip-path: url(#c)', 'declarationList')).toEqual([]);
    expect(cssProblems('p { background: u\\72 l("x.png"), image-set("y.png" 1x) }', 'stylesheet')).toEqual(['a stylesheet loading with url()', 'a stylesheet loading with image-set()']);
  });
});
