import { describe, expect, it } from 'vitest';
import { referenceList } from '../../pipeline/render/reference-list.ts';

const words = { unknown_place: '[出版地不详]', unknown_publisher: '[出版者不详]' };
const section = (id: string, number: string, text: string) => ({ id, number, file: 'chapters/x.md', text });

describe('the list of references', () => {
  it('numbers the entries in the order the report first cites them (顺序编码制), whatever order data/edition.yaml lists them in; an uncited one last', () => {
    const sections = [section('sec-1-1', '1.1', '据《数据安全法》规定'), section('sec-2-1', '2.1', '艾瑞咨询的报告显示；《数据安全法》另有要求'), section('sec-3-1', '3.1', '别无引用')];
    const list = referenceList(
      [
        { author: '未引用者', title: '某数据', type: 'Z', cited_as: ['从未出现的说法'] },
        { author: '艾瑞咨询', title: '行业报告', type: 'R', publisher: '艾瑞咨询', year: 2024, cited_as: ['艾瑞咨询的报告'] },
        { author: '全国人民代表大会常务委员会', title: '数据安全法', type: 'Z', year: 2021, cited_as: ['《数据安全法》'] },
      ],
      sections,
      words,
    );
    expect(list.map((e) => [e.number, e.text, e.citedIn.map((c) => c.number)])).toEqual([
      [1, '全国人民代表大会常务委员会. 数据安全法[Z]. 2021.', ['1.1', '2.1']],
      [2, '艾瑞咨询. 行业报告[R]. [出版地不详]: 艾瑞咨询, 2024.', ['2.1']],
      [3, '未引用者. 某数据[Z].', []],
    ]);
  });
});
