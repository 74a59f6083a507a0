/**
 * Safety of the document. A data string is literal text: markup, Markdown, template braces and
 * paths in data come out in the PDF exactly as typed, and never become elements, links or
 * requests. The print page runs no JavaScript and loads nothing outside the project, even for a
 * document that asks it to.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { launchBrowser } from '../../pipeline/print/browser.ts';
import { build } from '../../pipeline/build/build.ts';
import { PrintSession } from '../../pipeline/print/print-session.ts';
import { isAllowed, lockDown } from '../../pipeline/print/lock-down.ts';
import { pageFiles } from '../../pipeline/print/page-files.ts';
import { quietEffects } from '../helpers/fixture.ts';
import { pdfStructure, readPdf, squash } from '../helpers/pdf.ts';
import { buildErrorOf, makeProject, removeTempDirs, tempDir } from '../helpers/project.ts';

// builds with a real browser and whole CLI runs: slower than vitest's defaults allow on a busy machine
vi.setConfig({ testTimeout: 120_000, hookTimeout: 180_000 });

afterAll(removeTempDirs);

/** Hostile strings, each where data can reach the page: text nodes, labels (prose, chart, table), edition fields. */
const hostile = {
  html: '<img src="file:///etc/passwd" onerror="alert(1)"> <a href="javascript:alert(1)">点我</a> <iframe src="https://example.com/"></iframe>',
  markdown: '![口令](/etc/passwd) [链接](file:///etc/passwd) ../../etc/passwd **不是粗体** `不是代码` {{v market.growth_2024}} {{{raw}}}',
  label: '京东<b>粗</b>&amp;<script>alert(2)</script>',
  title: '电商<script>alert(3)</script>报告',
  shortTitle: '测试"报告</style><style>*{display:none}</style>',
};

const yamlString = (s: string) => `'${s.replace(/'/g, "''")}'`;

describe('hostile strings in data', () => {
  let html: string;
  let svg: string;
  let pdf: Awaited<ReturnType<typeof readPdf>>;
  let pdfBytes: Buffer;

  beforeAll(async () => {
    const project = makeProject();
    const file = (p: string) => join(project.root, p);
    const edit = (p: string, f: (s: string) => string) => writeFileSync(file(p), f(readFileSync(file(p), 'utf8')));
    edit('data/market.yaml', (s) => `${s}hostile_html: ${yamlString(hostile.html)}\nhostile_markdown: ${yamlString(hostile.markdown)}\n`);
    edit('data/platforms.yaml', (s) => s.replace('jd: { label: 京东,', `jd: { label: ${yamlString(hostile.label)},`));
    edit('data/edition.yaml', (s) => s.replace('title: 电商行业竞争格局测试报告', `title: ${yamlString(hostile.title)}`).replace('short_title: 测试报告', `short_title: ${yamlString(hostile.shortTitle)}`));
    // enough text before the strings that the chapter runs onto a second page, where the running header (the short title) prints
    const filler = Array.from({ length: 40 }, () => `这一段只为把正文推到下一页。`).join('\n\n');
    edit('chapters/02-outlook.md', (s) => `${s}\n${filler}\n\n## 数据中的字符串\n\n甲：{{market.hostile_html}}\n\n乙：{{market.hostile_markdown}}\n\n丙：{{label platforms.share_2024.jd}}\n`);
    // the build succeeds: a blocked request (an <img>, an <iframe>) would have failed it with BLOCKED_REQUEST
    await build(project, quietEffects);
    html = readFileSync(join(project.outDir, 'report.html'), 'utf8');
    svg = readFileSync(join(project.outDir, 'charts', 'platform-share.svg'), 'utf8');
    pdfBytes = readFileSync(join(project.outDir, 'report.pdf'));
    pdf = await readPdf(pdfBytes);
  }, 180_000);

  it('prints every hostile string in the PDF exactly as typed', () => {
    const text = squash(pdf.text);
    expect(text).toContain(squash(`甲：${hostile.html}`));
    expect(text).toContain(squash(`乙：${hostile.markdown}`));
    expect(text).toContain(squash(`丙：${hostile.label}`));
    expect(text).toContain(squash(hostile.title)); // the cover
    expect(text).toContain(squash(hostile.shortTitle)); // the running header, a CSS string
    expect(text).not.toContain(squash('乙：![口令](/etc/passwd)[链接](file:///etc/passwd)../../etc/passwd不是粗体')); // Markdown was not applied
  });

  it('turns none of them into elements, links or requests', () => {
    expect(html).not.toMatch(/<(script|img|iframe|b)\b/i);
    expect(html).not.toMatch(/<[a-z]+\b[^>]*\b(href|src)="(javascript|file):/i); // in a real tag, not in escaped text
    expect(html).not.toMatch(/<style>\*\{display:none\}/);
    expect(svg).not.toMatch(/<(script|b)\b/i);
    expect(svg).toContain('京东&lt;b&gt;粗&lt;/b&gt;');
    // the table cell and the prose carry the label as text
    expect(html).toContain('京东&#x3C;b>粗&#x3C;/b>&#x26;amp;&#x3C;script>alert(2)&#x3C;/script>');
  });

  it('keeps the PDF metadata literal too', async () => {
    expect(pdf.info.Title).toBe(hostile.title);
    expect((await pdfStructure(pdfBytes)).lang).toBe('zh-CN');
  });
});

describe('the print page', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser(undefined, { timeoutMs: 30_000 });
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
  });

  /** Prints a file on the report's print page, allowed to load only files under `root`. */
  const printFile = async (htmlFile: string, root: string) => {
    const session = new PrintSession(browser, { allowedRoots: [root], timeoutMs: 20_000 });
    try {
      return await session.printFile(htmlFile);
    } finally {
      await session.close();
    }
  };

  it('runs no JavaScript', async () => {
    const root = tempDir();
    const file = join(root, 'doc.html');
    writeFileSync(file, `<!doctype html><html><body><p>BODY TEXT</p><script>document.body.append('JS RAN'); document.title = 'JS RAN';</script><img src="x.png" onerror="document.body.append('HANDLER RAN')"></body></html>`);
    const printed = await printFile(file, root);
    const text = (await readPdf(await printed.save())).text;
    expect(text).toContain('BODY TEXT');
    expect(text).not.toContain('JS RAN');
    expect(text).not.toContain('HANDLER RAN');
  });

  it('refuses every request outside the project: network, file:///, ../', async () => {
    const root = tempDir();
    const outside = tempDir();
    writeFileSync(join(outside, 'secret.css'), 'body { background: red }');
    const file = join(root, 'doc.html');
    const refs = {
      css: `../${basename(outside)}/secret.css`,
      file: 'file:///etc/hostname',
      http: 'http://127.0.0.1:9/x.png',
      https: 'https://example.com/font.woff2',
    };
    writeFileSync(
      file,
      `<!doctype html><html><head><link rel="stylesheet" href="${refs.css}"><style>@font-face { font-family: X; src: url(${refs.https}); } p { font-family: X; }</style></head>` +
        `<body><p>BODY TEXT</p><img src="${refs.file}"><img src="${refs.http}"></body></html>`,
    );
    const e = await buildErrorOf(() => printFile(file, root));
    expect(e.diagnostics.every((d) => d.code === 'BLOCKED_REQUEST')).toBe(true);
    const urls = e.diagnostics.map((d) => d.message.replace('the document tried to load ', '')).sort();
    // a file by its path, an address as it was asked for (issue 21: never the temporary print file's name)
    expect(urls).toEqual([join(outside, 'secret.css'), '/etc/hostname', refs.http, refs.https].sort());
    // who asked: the font by the inline style of the document, the rest by the document itself
    expect(new Set(e.diagnostics.map((d) => d.file))).toEqual(new Set([file]));
  });

  it('prints a file (the redline) given its stylesheets with exactly its own files: another file of its folder is refused (issue 21)', async () => {
    const root = tempDir();
    writeFileSync(join(root, 'redline.css'), 'p { color: #333 }');
    writeFileSync(join(root, 'secret.txt'), 'SECRET');
    const file = join(root, 'redline.html');
    writeFileSync(file, '<!doctype html><html><head><link rel="stylesheet" href="redline.css"></head><body><p>BODY TEXT</p><iframe src="secret.txt"></iframe></body></html>');
    const session = new PrintSession(browser, { allowedRoots: [root], timeoutMs: 20_000 });
    try {
      const e = await buildErrorOf(() => session.printFile(file, undefined, ['redline.css']));
      expect(e.diagnostics.map((d) => d.message)).toEqual([`the document tried to load ${join(root, 'secret.txt')}`]);
      // without the list, the folder is allowed as a whole: what the list takes away
      expect((await printFile(file, root)).getPageCount()).toBeGreaterThan(0);
    } finally {
      await session.close();
    }
  });

  it('names the stylesheet that asked for a refused file, and the print file by what it becomes (issue 21)', async () => {
    const root = tempDir();
    writeFileSync(join(root, 'print.css'), '@font-face { font-family: X; src: url(file:///etc/hostname); } p { font-family: X; }');
    const file = join(root, `.print-${process.pid}.html`);
    writeFileSync(file, '<!doctype html><html><head><link rel="stylesheet" href="print.css"></head><body><p>BODY TEXT</p><img src="file:///etc/passwd"></body></html>');
    const e = await buildErrorOf(() => printFile(file, root));
    expect(e.diagnostics.map((d) => `${d.file}  ${d.message}`).sort()).toEqual([`${join(root, 'print.css')}  the document tried to load /etc/hostname`, `${join(root, 'report.html')}  the document tried to load /etc/passwd`]);
  });

  it('loads exactly the document\'s own files: another file of the project and .git/config are refused (issue 21)', async () => {
    const root = tempDir();
    mkdirSync(join(root, '.git'));
    mkdirSync(join(root, 'data'));
    writeFileSync(join(root, '.git', 'config'), '[http] extraheader = AUTHORIZATION: basic SECRET');
    writeFileSync(join(root, 'data', 'market.yaml'), 'size: 1');
    writeFileSync(join(root, 'style.css'), "@font-face { font-family: F; src: url('font.woff2'); } p { font-family: F }");
    writeFileSync(join(root, 'font.woff2'), '');
    const file = join(root, 'doc.html');
    writeFileSync(file, '<!doctype html><html><head><link rel="stylesheet" href="style.css?v=1"></head><body><p>BODY TEXT</p><iframe src=".git/config"></iframe><img src="data/market.yaml"></body></html>');
    const page = await browser.newPage();
    try {
      const blocked = await lockDown(page, [root], pageFiles(file, ['style.css?v=1']));
      await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
      expect(blocked.map((b) => b.url).sort()).toEqual([pathToFileURL(join(root, '.git', 'config')).href, pathToFileURL(join(root, 'data', 'market.yaml')).href]);
      // without an exact list (a file printed as it is), .git/ is still out of reach
      expect(isAllowed(pathToFileURL(join(root, '.git', 'config')).href, [root])).toBe(false);
    } finally {
      await page.close();
    }
  });
});
