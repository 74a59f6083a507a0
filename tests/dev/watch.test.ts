/**
 * The authoring loop: a watcher on a fixture project rebuilds on every save — a proof of the
 * changed chapters first, a full print once editing pauses; a broken save reports its error and
 * keeps the last good PDF; the preview server serves and announces it.
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { PDFDict, PDFDocument, PDFName } from 'pdf-lib';
import { once } from 'node:events';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from '../../pipeline/build/build.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDev, type DevHandle } from '../../pipeline/dev/watch.ts';
import type { LaunchOptions } from '../../pipeline/core/effects.ts';
import { repoRoot, type Project } from '../../pipeline/core/project.ts';
import { fixtureProject, quietEffects } from '../helpers/fixture.ts';
import { readPdf, squash } from '../helpers/pdf.ts';

let project: Project;
let dev: DevHandle;
/**
 * Saves `file` with `edit` applied to its text; resolves with the rebuild that follows. Waits first
 * for the full print a proof left owed: saved while it reads the inputs, the edit went into that
 * print, and the rebuild that follows found nothing to do (seen under load as a full "rebuild").
 */
const save = async (file: string, edit: (text: string) => string) => {
  await dev.settled();
  const next = dev.next();
  writeFileSync(file, edit(readFileSync(file, 'utf8')));
  return next;
};
/** out/report.pdf holds the same bytes as a clean build of the same files. */
const expectCleanBuildBytes = async () => {
  const clean = { ...project, outDir: mkdtempSync(join(tmpdir(), 'report-clean-')) };
  await build(clean, quietEffects);
  expect(Buffer.compare(readFileSync(join(project.outDir, 'report.pdf')), readFileSync(join(clean.outDir, 'report.pdf')))).toBe(0);
};
const pdfText = async () => squash((await readPdf(new Uint8Array(readFileSync(join(project.outDir, 'report.pdf'))))).text);

/** The BaseFont of every font the PDF's pages draw with. */
const fontNames = async (bytes: Uint8Array) => {
  const pdf = await PDFDocument.load(bytes);
  const names = new Set<string>();
  for (const page of pdf.getPages()) {
    const fonts = page.node.Resources()?.lookupMaybe(PDFName.of('Font'), PDFDict);
    for (const [, ref] of fonts?.entries() ?? []) names.add(String(pdf.context.lookup(ref, PDFDict).get(PDFName.of('BaseFont'))));
  }
  return names;
};

/** The fixture report with a copy of the layout templates of its own, to edit. */
const withOwnTemplates = (): Project => {
  const templatesDir = mkdtempSync(join(tmpdir(), 'report-templates-'));
  cpSync(join(repoRoot, 'templates'), templatesDir, { recursive: true });
  return { ...fixtureProject(), templatesDir };
};

beforeAll(async () => {
  project = withOwnTemplates(); // one test edits print.css
  dev = await startDev(project, quietEffects, { port: 0, settleMs: 300 });
});
afterAll(async () => {
  await dev?.close();
});

describe('npm run dev', () => {
  it('serves the preview page and the current edition on localhost', async () => {
    expect(dev.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const page = await (await fetch(dev.url)).text();
    expect(page).toContain('<script type="module" src="/preview.js">');
    expect(await (await fetch(new URL('/preview.js', dev.url))).text()).toContain('new EventSource');
    const pdfjs = await fetch(new URL('/pdfjs/pdf.min.mjs', dev.url)); // served from npm, not a CDN
    expect([pdfjs.status, pdfjs.headers.get('content-type')]).toEqual([200, 'text/javascript; charset=utf-8']);
    const pdf = await fetch(dev.reportUrl);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.compare(Buffer.from(await pdf.arrayBuffer()), readFileSync(join(project.outDir, 'report.pdf')))).toBe(0);
    expect((await fetch(new URL('/etc/passwd', dev.url))).status).toBe(404);
    expect((await fetch(new URL(`${project.outDir}/../../etc/passwd`, dev.url))).status).toBe(404);
  });

  it('rebuilds when a chapter sentence changes, and the new text is in the new PDF', async () => {
    const file = join(project.chaptersDir, '02-outlook.md');
    const event = await save(file, (text) => text.replace('较上年增长', '较上年大幅增长'));
    expect(event.kind === 'built' && event.proof).toBe(true); // only the changed chapter was printed
    expect(await pdfText()).toContain('较上年大幅增长');
  });

  it('proofs a sentence with characters the document lacks: the proof page loads the new font subsets', async () => {
    const file = join(project.chaptersDir, '02-outlook.md');
    expect(await pdfText()).not.toContain('犇');
    const subsetsBefore = readdirSync(join(project.outDir, '.fonts')).length;
    const event = await save(file, (text) => text.replace('较上年大幅增长', '较上年大幅增长（犇龘）'));
    expect(event.kind === 'built' && event.proof).toBe(true); // not printed in full
    expect(await pdfText()).toContain('较上年大幅增长（犇龘）');
    expect(readdirSync(join(project.outDir, '.fonts')).length).toBeGreaterThan(subsetsBefore); // the new subsets were cut
    // drawn with the report's fonts, not a system fallback
    expect([...(await fontNames(readFileSync(join(project.outDir, 'report.pdf'))))].filter((f) => !/Noto(Sans|Serif)SC/.test(f))).toEqual([]);
  });

  it('rebuilds when a figure changes, in the prose and in the chart', async () => {
    const file = join(project.dataDir, 'platforms.yaml');
    const event = await save(file, (text) => text.replace('value: 20.8', 'value: 21.9'));
    expect(event.kind === 'built' && event.proof).toBe(true);
    // the chart and the table print a share bare, under their unit line (单位：%)
    const text = await pdfText();
    expect(text).toContain('21.9');
    expect(text).not.toContain('20.8');
    expect(readFileSync(join(project.outDir, 'charts', 'platform-share.svg'), 'utf8')).toMatch(/>21\.9</);
  });

  it('once editing pauses, prints in full: the same bytes as a clean build of the same files', async () => {
    const settled = await dev.settled();
    expect(settled.kind === 'built' && !settled.proof).toBe(true);
    await expectCleanBuildBytes();
  });

  // two pages and more: one page more can be absorbed by the back cover's blank verso, the count staying even
  it('prints in full when a chapter grows by pages (the pages after it move)', async () => {
    const file = join(project.chaptersDir, '01-market.md');
    const pagesBefore = JSON.parse(readFileSync(join(project.outDir, 'edition.json'), 'utf8')).output.pdf.pages as number;
    const event = await save(file, (text) => text + '\n' + '篇幅测试：这一段文字只为让本章多出一页。'.repeat(240) + '\n');
    expect(event.kind === 'built' && event.proof).toBe(false);
    expect(event.kind === 'built' && event.result.manifest.output.pdf.pages).toBeGreaterThan(pagesBefore);
    expect(await pdfText()).toContain('篇幅测试');
  });

  it('prints in full at once when a heading changes (the contents and outline move with it)', async () => {
    const file = join(project.chaptersDir, '02-outlook.md');
    const event = await save(file, (text) => text.replace('## 趋势', '## 发展趋势'));
    expect(event.kind === 'built' && event.proof).toBe(false);
    const pdf = await readPdf(new Uint8Array(readFileSync(join(project.outDir, 'report.pdf'))));
    expect(JSON.stringify(pdf.outline)).toContain('发展趋势');
  });

  it('applies an edited print.css (the open page loads it anew): the same bytes as a clean build', async () => {
    const css = join(project.templatesDir, 'print.css');
    const event = await save(css, (text) => text.replace('--accent: #1f4e79;', '--accent: #c00000;'));
    expect(event.kind === 'built' && event.proof).toBe(false);
    await expectCleanBuildBytes();
  });

  it('reports a broken edit with its position and keeps the previous PDF', async () => {
    const before = readFileSync(join(project.outDir, 'report.pdf'));
    const file = join(project.chaptersDir, '02-outlook.md');
    const good = readFileSync(file, 'utf8');
    const event = await save(file, () => good.replace('{{yuan market.ecommerce_size.y2024}}', '{{yuan market.ecommerce_size.y2099}}'));
    expect(event.kind).toBe('failed');
    expect(event.kind === 'failed' && event.message).toMatch(/chapters\/02-outlook\.md:8:\d+ {2}unknown data path "market\.ecommerce_size\.y2099"/);
    expect(Buffer.compare(readFileSync(join(project.outDir, 'report.pdf')), before)).toBe(0);
    expect((await save(file, () => good)).kind).toBe('built');
  });

  it('stops without leaving a proof as the edition: a pending full print is done first', async () => {
    const file = join(project.chaptersDir, '02-outlook.md');
    // removes the last use of 犇 and 龘: the font subsets change again, and it is still a proof
    const event = await save(file, (text) => text.replace('较上年大幅增长（犇龘）', '较上年增长'));
    expect(event.kind === 'built' && event.proof).toBe(true);
    await dev.close();
    expect(JSON.parse(readFileSync(join(project.outDir, 'edition.json'), 'utf8')).printPasses).toBeGreaterThan(0);
    await expectCleanBuildBytes();
  });
});

describe('npm run dev with contents that do not link the chapters', () => {
  it('says once that proofs are off, and prints every edit in full', async () => {
    // without a link to a chapter the print writes no destination for it: its pages cannot be found in the PDF
    const own = withOwnTemplates();
    const toc = join(own.templatesDir, 'toc.hbs');
    writeFileSync(toc, readFileSync(toc, 'utf8').replaceAll('<a href="#{{anchor}}">', '<a>')); // every entry: the front matter's come first
    const logs: string[] = [];
    const watcher = await startDev(own, { ...quietEffects, log: (line) => void logs.push(line) }, { port: 0, settleMs: 300 });
    try {
      const file = join(own.chaptersDir, '02-outlook.md');
      const next = watcher.next();
      writeFileSync(file, readFileSync(file, 'utf8').replace('较上年增长', '较上年大幅增长'));
      const event = await next;
      expect(event.kind === 'built' && event.proof).toBe(false);
      expect(logs.filter((l) => l.startsWith('dev: proofs are off'))).toHaveLength(1);
      expect(logs.find((l) => l.startsWith('dev: proofs are off'))).toContain('the contents must link to each chapter');
    } finally {
      await watcher.close();
    }
  });
});

describe('npm run dev on a port in use', () => {
  it('fails to start with PORT_IN_USE and leaves no browser behind', async () => {
    const blocker = createServer().listen(0, '127.0.0.1');
    await once(blocker, 'listening');
    let pid: number | undefined;
    const fx = { ...quietEffects, launchBrowser: async (o?: LaunchOptions) => {
      const browser = await quietEffects.launchBrowser(o);
      pid = browser.process()?.pid;
      return browser;
    } };
    try {
      const port = (blocker.address() as AddressInfo).port;
      await expect(startDev(fixtureProject(), fx, { port })).rejects.toThrow(`port ${port} on 127.0.0.1 is already in use  [PORT_IN_USE]`);
      expect(pid).toBeGreaterThan(0);
      expect(() => process.kill(pid!, 0)).toThrow(); // the browser was closed
    } finally {
      blocker.close();
    }
  });
});
