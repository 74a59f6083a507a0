/**
 * Every example of README's authoring guide that names a file (```yaml file=templates/charts/x.yaml)
 * is a fixture (issue 20): the examples are written into a copy of the fixture report and built
 * into a PDF. The build must pass, print what the examples bind, and draw the example charts with
 * level labels (no label turned 90°).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { build } from '../../pipeline/build/build.ts';
import { repoRoot } from '../../pipeline/core/project.ts';
import { quietEffects } from '../helpers/fixture.ts';
import { makeProject, removeTempDirs } from '../helpers/project.ts';
import { readPdf, squash } from '../helpers/pdf.ts';

vi.setConfig({ testTimeout: 180_000 });
afterAll(removeTempDirs);

/** The README's fenced blocks that name a file: ```lang file=path … ``` */
export function readmeExamples(readme: string): { file: string; text: string }[] {
  return [...readme.matchAll(/^```\w+ file=(\S+)\n([\s\S]*?)^```$/gm)].map((m) => ({ file: m[1], text: m[2] }));
}

describe("the README's examples", () => {
  const examples = readmeExamples(readFileSync(join(repoRoot, 'README.md'), 'utf8'));

  it('are there: a data file, charts, tables and a chapter', () => {
    const files = examples.map((e) => e.file);
    expect(files).toEqual(expect.arrayContaining(['data/livestream.yaml', 'chapters/08-livestream.md']));
    expect(files.filter((f) => f.startsWith('templates/charts/')).length).toBeGreaterThanOrEqual(2);
    expect(files.filter((f) => f.startsWith('templates/tables/')).length).toBeGreaterThanOrEqual(2);
  });

  it('build into the PDF as the guide says, with level chart labels', async () => {
    const project = makeProject({ layout: 'cli', prefix: 'report-readme-' });
    for (const e of examples) {
      mkdirSync(dirname(join(project.root, e.file)), { recursive: true });
      writeFileSync(join(project.root, e.file), e.text);
    }
    // the guide's own chart and table of platforms.share_2024 are placed too: a chapter binds every example
    const chapter = join(project.root, 'chapters/08-livestream.md');
    writeFileSync(chapter, readFileSync(chapter, 'utf8') + '\n{{figure "guide-platform-share"}}\n\n{{table "guide-share-table"}}\n');

    await build(project, quietEffects);
    const text = squash((await readPdf(new Uint8Array(readFileSync(join(project.outDir, 'report.pdf'))))).text);
    expect(text).toContain('2024年直播电商规模达到5.8万亿元，其中抖音电商为2.7万亿元');
    expect(text).toContain('2024年主要平台直播电商GMV');
    expect(text).toContain('兴趣电商，内容驱动');
    expect(text).toContain('GMV为平台公开口径。');
    expect(text).toContain('份额按GMV计。');
    for (const id of ['livestream-gmv', 'guide-platform-share']) {
      const svg = readFileSync(join(project.outDir, 'charts', `${id}.svg`), 'utf8');
      expect(svg, id).not.toMatch(/rotate\((-?90|270)\)/);
    }
  });
});
