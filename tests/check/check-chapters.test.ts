import { describe, expect, it } from 'vitest';
import { checkChapters } from '../../pipeline/check/check-chapters.ts';
import { formatDiagnostic } from '../../pipeline/core/errors.ts';
import { fixtureData, vocabulary } from '../helpers/vocabulary.ts';
import { parseChapters } from '../../pipeline/check/parse-chapter.ts';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fixtureDir } from '../helpers/fixture.ts';
import Handlebars from 'handlebars';
import { bindingPlaceholder, renderedProse } from '../../pipeline/check/rendered-prose.ts';

const enc = new TextEncoder();
const data = fixtureData();
const known = { figure: new Set(['platform-share']), table: new Set(['share-table']) };

function check(body: string) {
  const { chapters, diagnostics } = parseChapters([{ path: 'chapters/01-x.md', bytes: enc.encode(`---\nid: x\ntitle: 标题\n---\n${body}`) }]);
  return [...diagnostics, ...checkChapters(chapters, data.nodes, known, vocabulary).diagnostics].map(formatDiagnostic);
}

describe('chapter check', () => {
  it('refuses figures numbered out of the order of their first citation, at the early citation, with the overtaken one\'s line (review 31 #16)', () => {
    const two = { figure: new Set(['platform-share', 'market-size']), table: new Set<string>() };
    const run = (body: string) => {
      const { chapters } = parseChapters([{ path: 'chapters/02-x.md', bytes: enc.encode(`---\nid: x\ntitle: 标题\n---\n${body}`) }]);
      return checkChapters(chapters, data.nodes, two, vocabulary).diagnostics.map(formatDiagnostic);
    };
    // 图2-1 is market-size (placed first), but platform-share is cited before it
    const wrong = run('先见{{ref "platform-share"}}，再见{{ref "market-size"}}。\n\n{{figure "market-size"}}\n\n{{figure "platform-share"}}\n');
    expect(wrong).toHaveLength(1);
    expect(wrong[0]).toMatch(/^chapters\/02-x\.md:5:3  figure "platform-share" is cited before figure "market-size" \(placed at line 7\), but numbered after it/);
    expect(wrong[0]).toContain('Place {{figure "platform-share"}} before {{figure "market-size"}}');
    // cited in the order placed, or placed before any citation, or referred back to later: fine
    expect(run('见{{ref "market-size"}}与{{ref "platform-share"}}。\n\n{{figure "market-size"}}\n\n{{figure "platform-share"}}\n')).toEqual([]);
    expect(run('{{figure "market-size"}}\n\n见{{ref "platform-share"}}，回看{{ref "market-size"}}。\n\n{{figure "platform-share"}}\n')).toEqual([]);
    // an exhibit never cited (a callout under its sentence) has no citation order to keep
    expect(run('见{{ref "platform-share"}}。\n\n{{figure "market-size"}}\n\n{{figure "platform-share"}}\n')).toEqual([]);
  });
  it('accepts bound figures, text, figures and references', () => {
    expect(check('规模为{{v market.ecommerce_size.y2024}}，{{market.motto}}。见{{ref "platform-share"}}。\n\n{{figure "platform-share"}}\n')).toEqual([]);
  });
  it('names an unknown data path with chapter file, line and column, and suggests the right one', () => {
    const [msg] = check('第一行\n\n规模为{{v market.ecommerce_size.y2025}}。\n');
    expect(msg).toMatch(/^chapters\/01-x\.md:7:8  unknown data path "market\.ecommerce_size\.y2025"/);
    expect(msg).toMatch(/Did you mean "market\.ecommerce_size\.y202[34]"\?/);
  });
  it('lets {{see}} point to the chapter and its numbered headings, and names a number no heading has, at its line, with the nearest', () => {
    const body = '## 甲\n\n### 子\n\n## 乙\n\n见{{see "1"}}、{{see "1.1.1"}}、{{see "1.2"}}。\n\n见{{see "1.3"}}。\n';
    const msgs = check(body);
    expect(msgs).toHaveLength(1);
    expect(msgs[0]).toMatch(/^chapters\/01-x\.md:13:2  \{\{see "1\.3"\}\} points to no chapter or section \(did you mean "1\.[12]"\?\)/);
    expect(msgs[0]).toContain('{{ref "id"}}');
  });
  it('names an unknown helper', () => {
    expect(check('{{money market.growth_2024}}\n')[0]).toMatch(/^chapters\/01-x\.md:5:1  unknown helper "money"/);
  });
  it('checks helper arguments: units and kinds', () => {
    expect(check('{{pct market.ecommerce_size.y2024}}\n')[0]).toContain('pct: "market.ecommerce_size.y2024" is in 万亿元, expected %');
    expect(check('{{v market.motto}}\n')[0]).toContain('argument 1 must be a figure (a datum path); "market.motto" is a text');
    expect(check('{{v market.growth_2024 unit="亿元"}}\n')[0]).toContain('cannot show % in 亿元');
  });
  it('lists figures typed into prose, but allows years and fixed expressions', () => {
    const line = '2024年规模为15.3万亿元，占80%。5G与C2M、1+1>2，2024-2025年。';
    const msgs = check(line + '\n');
    expect(msgs).toHaveLength(2);
    expect(msgs[0]).toMatch(new RegExp(`^chapters/01-x\\.md:5:${line.indexOf('15.3') + 1}  figure "15\\.3万亿元" typed into prose`));
    expect(msgs[1]).toMatch(new RegExp(`^chapters/01-x\\.md:5:${line.indexOf('80%') + 1}  figure "80%" typed into prose`));
  });
  it('rejects unknown and duplicated figure ids and references to nothing', () => {
    const msgs = check('{{figure "nope"}}\n\n{{table "share-table"}}\n\n{{table "share-table"}}\n\n见{{ref "ghost"}}\n');
    expect(msgs[0]).toMatch(/^chapters\/01-x\.md:5:1  unknown chart id "nope"/);
    expect(msgs[1]).toMatch(/^chapters\/01-x\.md:9:1  table "share-table" is placed twice \(first at chapters\/01-x\.md:7\)/);
    expect(msgs[2]).toMatch(/^chapters\/01-x\.md:11:2  unknown chart or table id "ghost"/);
  });
  it('rejects block helpers and typed numbers as arguments', () => {
    expect(check('{{#each market}}x{{/each}}\n')[0]).toContain('block expressions are not allowed');
    expect(check('{{v 15.3}}\n')[0]).toContain('a typed number is not allowed as an argument');
  });
  it('reports a front matter problem and a template syntax error with positions', () => {
    const { diagnostics } = parseChapters([{ path: 'chapters/02-y.md', bytes: enc.encode('# 没有前言\n') }]);
    expect(formatDiagnostic(diagnostics[0])).toMatch(/^chapters\/02-y\.md:1:1  front matter: missing/);
    expect(check('正文\n{{v market.growth_2024\n')[0]).toMatch(/^chapters\/01-x\.md:6:1  template syntax error/);
  });

  it('numbers chapters in file order, leaving a front-matter text (part: front) out, and names a wrong part at its line', () => {
    const file = (path: string, fm: string) => ({ path, bytes: enc.encode(`---\n${fm}\n---\n正文\n`) });
    const { chapters } = parseChapters([file('chapters/00-summary.md', 'id: summary\ntitle: 核心发现\npart: front'), file('chapters/01-a.md', 'id: a\ntitle: 甲'), file('chapters/02-b.md', 'id: b\ntitle: 乙')]);
    expect(chapters.map((c) => [c.id, c.number, c.part])).toEqual([['summary', 0, 'front'], ['a', 1, undefined], ['b', 2, undefined]]);
    const bad = parseChapters([file('chapters/00-summary.md', 'id: summary\ntitle: 核心发现\npart: preface')]).diagnostics.map(formatDiagnostic);
    expect(bad[0]).toMatch(/^chapters\/00-summary\.md:4:\d+  front matter: part must be "front"/);
  });

  it('numbers an appendix on with the chapters and counts appendices from 1, and names a wrong appendix value at its line', () => {
    const file = (path: string, fm: string) => ({ path, bytes: enc.encode(`---\n${fm}\n---\n正文\n`) });
    const { chapters } = parseChapters([file('chapters/01-a.md', 'id: a\ntitle: 甲'), file('chapters/02-n.md', 'id: n\ntitle: 说明\nappendix: true'), file('chapters/03-m.md', 'id: m\ntitle: 方法\nappendix: true')]);
    expect(chapters.map((c) => [c.id, c.number, c.appendix])).toEqual([['a', 1, undefined], ['n', 2, 1], ['m', 3, 2]]);
    const bad = parseChapters([file('chapters/02-n.md', 'id: n\ntitle: 说明\nappendix: yes')]).diagnostics.map(formatDiagnostic);
    expect(bad[0]).toMatch(/^chapters\/02-n\.md:4:\d+  front matter: appendix must be true/);
  });
});

// issue 21: the prose checks read the chapter as Handlebars renders it, so nothing hides from them
describe('chapter check after Handlebars', () => {
  it('finds a link to disk written inside escaped braces, at its own line and column', () => {
    const msgs = check('正文\n\n前文 \\{{[a](file:///etc/passwd)}} 后文\n');
    expect(msgs).toHaveLength(1);
    expect(msgs[0]).toMatch(/^chapters\/01-x\.md:7:7  link target "file:\/\/\/etc\/passwd" is not allowed/);
  });
  it('finds raw HTML after a comment that splits it, and after whitespace control', () => {
    expect(check('<{{!}}script>alert(1)</script>\n')[0]).toMatch(/^chapters\/01-x\.md:5:1  raw HTML is not allowed in chapters: <script>/);
    expect(check('正文 {{~market.motto~}}   <img src=x>\n')[0]).toMatch(/^chapters\/01-x\.md:5:\d+  raw HTML is not allowed in chapters: <img/);
  });
  it('refuses a binding used as a link target: its output is text, never an address', () => {
    expect(check('[来源]({{market.motto}})\n')[0]).toMatch(/^chapters\/01-x\.md:5:1  link target ".*" is not allowed/);
  });
  it('finds a heading inside a block quote', () => {
    expect(check('> # 大标题\n')[0]).toMatch(/^chapters\/01-x\.md:5:3  heading level 1 is not allowed/);
  });
  it('decodes character references before the typed-figure check', () => {
    const line = '占比为&#53;&#48;%，&amp;。';
    const msgs = check(line + '\n');
    expect(msgs).toHaveLength(1);
    expect(msgs[0]).toMatch(new RegExp(`^chapters/01-x\\.md:5:${line.indexOf('&#53;') + 1}  figure "50%" typed into prose`));
    // a tag typed as references is no figure ("60;scr" before)
    expect(check('写作&#60;script&#62;。\n')).toEqual([]);
  });
  it('finds a hidden character typed as a character reference', () => {
    expect(check('甲&#x202E;乙\n')[0]).toMatch(/^chapters\/01-x\.md:5:2  a bidirectional control \(U\+202E\) is not allowed/);
  });
  it('refuses lists and quotes nested deeper than a report needs, at the deepest one', () => {
    const nine = Array.from({ length: 9 }, (_, i) => `${'  '.repeat(i)}- 第${'一二三四五六七八九'[i]}层`).join('\n');
    expect(check(nine + '\n')).toEqual([expect.stringMatching(/^chapters\/01-x\.md:13:17  lists and block quotes are nested 9 levels deep here, more than the 8/)]);
    expect(check('>'.repeat(3000) + ' 引文\n')).toEqual([expect.stringMatching(/^chapters\/01-x\.md:5:1  lists and block quotes are nested more than 8 levels/)]);
    const eight = Array.from({ length: 8 }, (_, i) => `${'  '.repeat(i)}- 层`).join('\n');
    expect(check(eight + '\n')).toEqual([]);
  });
  it('refuses 100 000 headings in a chapter at the first one past 200, in the check (they ran the print out of time, blaming the browser)', () => {
    const headings = '## 小节\n\n'.repeat(100_000);
    expect(check(headings)).toEqual([expect.stringMatching(/^chapters\/01-x\.md:405:1  this chapter has more than the 200 headings a chapter may {2}\[MD_TOO_MANY_HEADINGS\]/)]);
    expect(check('## 小节\n\n'.repeat(200))).toEqual([]);
  });
  it('refuses a block of 100 000 lines without a blank one at its 201st line, before the Markdown parse (which took 96 s)', () => {
    expect(check('一行文字\n'.repeat(100_000))).toEqual([expect.stringMatching(/^chapters\/01-x\.md:205:1  more than 200 lines follow each other here without a blank line {2}\[MD_BLOCK_TOO_LONG\]/)]);
    expect(check('一行文字\n'.repeat(200) + '\n' + '一行文字\n'.repeat(200))).toEqual([]);
  });
  it('places each of 5 000 typed figures in one chapter at its own line (positions from one index of line starts)', () => {
    const found = check('第1节。\n\n'.repeat(5_000));
    expect(found).toHaveLength(5_000);
    expect(found[0]).toMatch(/^chapters\/01-x\.md:5:2  figure "1节" typed into prose/);
    expect(found[4_999]).toMatch(/^chapters\/01-x\.md:10003:2  figure "1节" typed into prose/);
  });
  it('reads what Handlebars really emits', () => {
    const body = 'a \\{{x}} b\n{{~market.motto~}}  c\n  {{!-- 注释 --}}\n{{v market.growth_2024}}\n';
    const { chapters } = parseChapters([{ path: 'chapters/01-x.md', bytes: enc.encode(`---\nid: x\ntitle: 标题\n---\n${body}`) }]);
    const hb = Handlebars.create();
    hb.registerHelper('v', () => bindingPlaceholder);
    const emitted = hb.compile(chapters[0].ast, { noEscape: true })({ market: { motto: bindingPlaceholder } });
    expect(emitted).toContain('{{x}}');
    expect(renderedProse(chapters[0].ast, chapters[0].body).text).toBe(emitted);
  });
});
