/**
 * Editorial checks (check/editorial-checks.ts) on chapters checked against the fixture's data:
 * a figure bound where its subject is not named, a figure restated too often, term variants —
 * each at its place; and the chapter's sentences as the lineage splits them.
 */
import { describe, expect, it } from 'vitest';
import { boundSentences } from '../../pipeline/check/chapter-sentences.ts';
import { checkChapters } from '../../pipeline/check/check-chapters.ts';
import { restatements, subjectProblems, termVariants } from '../../pipeline/check/editorial-checks.ts';
import { parseChapters } from '../../pipeline/check/parse-chapter.ts';
import { formatDiagnostic } from '../../pipeline/core/errors.ts';
import { fixtureData, vocabulary } from '../helpers/vocabulary.ts';

const enc = new TextEncoder();
const known = { figure: new Set(['platform-share']), table: new Set(['share-table']) };
const data = fixtureData();
// the fixture's JD share, as a figure of 京东
const jd = data.nodes.get('platforms.share_2024.jd')!;
const nodes = new Map(data.nodes).set(jd.path, { ...jd, subject: ['京东', '京东集团'] } as typeof jd);

function sentencesOf(...bodies: string[]) {
  const files = bodies.map((b, i) => ({ path: `chapters/0${i + 1}-c${i}.md`, bytes: enc.encode(`---\nid: c${i}\ntitle: 章\n---\n${b}`) }));
  const { chapters } = parseChapters(files);
  return { chapters, sentences: checkChapters(chapters, nodes, known, vocabulary).sentences };
}

describe('sentences of a chapter', () => {
  it('end at 。！？； and at Markdown blocks, each with its bindings, its paragraph before it and its headings', () => {
    const [ch] = sentencesOf('## 平台\n\n### 京东\n\n份额为{{pct platforms.share_2024.jd}}；其后\n为{{pct platforms.share_2024.pdd}}。\n- 列表{{pct platforms.share_2024.alibaba}}\n').sentences;
    expect(ch.sentences.map((s) => [s.sentence, s.bindings.map((b) => `${b.paths.join()}@${b.line}:${b.column}`), s.context[1], s.context[2]])).toEqual([
      ['份额为；', ['platforms.share_2024.jd@9:4'], '京东', '平台'],
      ['其后\n为。', ['platforms.share_2024.pdd@10:2'], '京东', '平台'],
      ['- 列表', ['platforms.share_2024.alibaba@11:5'], '京东', '平台'],
    ]);
    expect(boundSentences('无数字。', [])).toEqual([]);
  });
});

describe('a figure and its subject', () => {
  it('passes where the sentence, its section before it or the section’s headings name the subject (any of its names)', () => {
    expect(subjectProblems(sentencesOf('京东的份额为{{pct platforms.share_2024.jd}}。\n').sentences, nodes)).toEqual([]);
    expect(subjectProblems(sentencesOf('京东集团发力物流。\n\n其份额为{{pct platforms.share_2024.jd}}。\n').sentences, nodes)).toEqual([]);
    expect(subjectProblems(sentencesOf('### 京东\n\n份额为{{pct platforms.share_2024.jd}}。\n').sentences, nodes)).toEqual([]);
  });
  it('is refused at the binding where nothing around it names the subject', () => {
    const [d] = subjectProblems(sentencesOf('### 京东\n\n京东发力物流。\n\n### 阿里巴巴\n\n阿里巴巴的份额为{{pct platforms.share_2024.jd}}。\n').sentences, nodes);
    expect(formatDiagnostic(d)).toMatch(/^chapters\/01-c0\.md:11:9  platforms\.share_2024\.jd  "platforms\.share_2024\.jd" is a figure of 京东, but the sentence binding it does not name 京东  \[SUBJECT_MISMATCH\]/);
  });
});

describe('a figure restated', () => {
  it('in more sentences than allowed is one warning at the datum, listing where', () => {
    const { sentences } = sentencesOf('甲{{pct platforms.share_2024.pdd}}。乙{{pct platforms.share_2024.pdd}}，{{pct platforms.share_2024.pdd}}。\n', '丙{{pct platforms.share_2024.pdd}}。\n');
    expect(restatements(sentences, nodes, 3)).toEqual([]);
    const [d] = restatements(sentences, nodes, 2);
    expect(formatDiagnostic(d)).toMatch(/^data\/platforms\.yaml:10:\d+  platforms\.share_2024\.pdd  "platforms\.share_2024\.pdd" is stated in 3 sentences \(at most 2\): chapters\/01-c0\.md:5, chapters\/01-c0\.md:5, chapters\/02-c1\.md:5  \[RESTATED\]/);
  });
});

describe('terms', () => {
  it('every variant is a warning at its line and column, in prose (not in bindings) and in printed data strings', () => {
    const { chapters } = sentencesOf('用户粘性增强，{{pct platforms.share_2024.jd}}，粘性。\n');
    const texts = [{ path: 'market.x', text: '场景粘性', pos: { file: 'data/market.yaml', line: 3, column: 10 }, exact: true }];
    expect(termVariants([{ preferred: '黏性', variants: ['粘性'] }], chapters, texts).map((d) => `${d.file}:${d.line}:${d.column} ${d.message}`)).toEqual([
      'chapters/01-c0.md:5:3 "粘性": the report writes "黏性"',
      'chapters/01-c0.md:5:40 "粘性": the report writes "黏性"',
      'data/market.yaml:3:12 "粘性": the report writes "黏性"',
    ]);
  });
});
