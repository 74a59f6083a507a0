/**
 * A new topic and a new unit are data: a copy of the fixture report gains data/livestream.yaml and
 * a dimension in templates/units.yaml (orders: 单, 万单, 亿单), and a chapter binds them, with no
 * file of pipeline/ touched. The build prints them into the PDF, with their qualifier, range and
 * scale; the manifest records them.
 */
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { build } from '../../pipeline/build/build.ts';
import { quietEffects } from '../helpers/fixture.ts';
import { makeProject, removeTempDirs } from '../helpers/project.ts';
import { readPdf, squash } from '../helpers/pdf.ts';

vi.setConfig({ testTimeout: 180_000 });
afterAll(removeTempDirs);

describe('a new topic file and a new unit', () => {
  it('need no code: they are checked, printed into the PDF and recorded in the manifest', async () => {
    const project = makeProject({ prefix: 'report-topic-' });
    const units = join(project.templatesDir, 'units.yaml');
    writeFileSync(units, readFileSync(units, 'utf8').replace('dimensions:\n', 'dimensions:\n  orders: { kind: count, units: { 单: 1, 万单: 1e4, 亿单: 1e8 } }\n'));
    writeFileSync(
      join(project.dataDir, 'livestream.yaml'),
      [
        '# 直播电商（新专题）',
        'gmv_2024: { value: 5.8, unit: 万亿元, year: 2024, source: 行业调研, label: 2024年直播电商规模 }',
        'orders_2024: { value: 120, qualifier: 超过, unit: 亿单, year: 2024, source: 行业调研, label: 2024年直播电商订单量 }',
        'share_2024: { value: 18, to: 20, unit: \'%\', kind: share, year: 2024, source: 行业调研, label: 2024年直播电商占整体电商比重 }',
        '',
      ].join('\n'),
    );
    appendFileSync(join(project.chaptersDir, '02-outlook.md'), '\n直播电商2024年规模为{{v livestream.gmv_2024}}，订单量{{v livestream.orders_2024}}（即{{wan livestream.orders_2024}}单），占整体电商的{{pct livestream.share_2024}}。\n');

    const result = await build(project, quietEffects);
    const text = squash((await readPdf(new Uint8Array(readFileSync(join(project.outDir, 'report.pdf'))))).text);
    expect(text).toContain('直播电商2024年规模为5.8万亿元，订单量超过120亿单（即超过120亿单），占整体电商的18%～20%。');
    expect(result.manifest.data['livestream.orders_2024']).toMatchObject({ value: 120, unit: '亿单', qualifier: '超过', display: '超过120亿单', kind: 'count' });
    expect(result.manifest.data['livestream.share_2024']).toMatchObject({ value: 18, to: 20, display: '18%～20%', kind: 'share' });
  });
});
