import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gridCsv, toCsv } from '../../pipeline/site/data-files.ts';
import { tableCells, type DataLine } from '../../pipeline/site/figure-data.ts';
import type { SiteWords } from '../../pipeline/site/site-templates.ts';
import { repoRoot } from '../../pipeline/core/project.ts';

const words = parse(readFileSync(join(repoRoot, 'templates', 'site', 'site.yaml'), 'utf8')) as SiteWords;
const line: DataLine = { figure: '图2-1', label: '阿里巴巴', series: '', field: '', value: 35.2, to: '', qualifier: '约', display: '约35.2%', unit: '%', year: 2024, source: '公司财报, "估算"', path: 'platforms.share_2024.alibaba' };

describe('a figure as CSV', () => {
  it('starts with a UTF-8 byte-order mark (Excel reads the Chinese right), then the site\'s column names', () => {
    const csv = toCsv([line], words);
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(Buffer.from(csv, 'utf8').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(csv.slice(1).split('\r\n')[0]).toBe('图表,项目,系列,指标,数值,上限,限定词,显示值,单位,年份,来源,数据路径');
  });

  it('writes one CRLF row per datum, quoting a cell with a comma or a quote (RFC 4180)', () => {
    const rows = toCsv([line, { ...line, label: '京东', value: 20 }], words).slice(1).split('\r\n');
    expect(rows).toHaveLength(4); // header, two rows, the empty string after the last CRLF
    expect(rows[1]).toBe('图2-1,阿里巴巴,,,35.2,,约,约35.2%,%,2024,"公司财报, ""估算""",platforms.share_2024.alibaba');
    expect(rows[3]).toBe('');
  });
});

describe('a table of words as CSV', () => {
  const cell = (text: string, rowspan?: number) => ({ text, align: 'left' as const, ...(rowspan ? { rowspan } : {}) });
  const table = {
    columns: [{ header: '章节', align: 'left' }, { header: '主要工作', align: 'left' }],
    // 第2章 is merged over two rows: the second row has one cell fewer, as the HTML table has
    rows: [{ cells: [cell('第2章', 2), cell('竞争格局')] }, { cells: [cell('头部平台')] }, { cells: [cell('第3章'), cell('合作模式')] }],
  };

  it('is the table as shown: its header row, then every row, a merged group label in each row it spans', () => {
    expect(tableCells(table)).toEqual([
      ['章节', '主要工作'],
      ['第2章', '竞争格局'],
      ['第2章', '头部平台'],
      ['第3章', '合作模式'],
    ]);
  });

  it('fills in a label merged within its merged group too (表5-2: a practice with two measures)', () => {
    const nested = {
      columns: [{ header: '机制', align: 'left' }, { header: '做法', align: 'left' }, { header: '指标', align: 'left' }],
      rows: [{ cells: [cell('文化', 3), cell('委员会'), cell('周期')] }, { cells: [cell('公益', 2), cell('信任')] }, { cells: [cell('谈判')] }],
    };
    expect(tableCells(nested)).toEqual([
      ['机制', '做法', '指标'],
      ['文化', '委员会', '周期'],
      ['文化', '公益', '信任'],
      ['文化', '公益', '谈判'],
    ]);
  });

  it('is written with the byte-order mark and CRLF rows, never as a header alone', () => {
    const csv = gridCsv(tableCells(table));
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv.slice(1).split('\r\n')).toEqual(['章节,主要工作', '第2章,竞争格局', '第2章,头部平台', '第3章,合作模式', '']);
  });
});
