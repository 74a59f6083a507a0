/** Messages in Chinese (issue 20): the language is chosen as documented, and the words come from templates/. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalog, diag, formatDiagnostic } from '../../pipeline/core/errors.ts';
import { languageOf, parseTranslations, translate } from '../../pipeline/core/messages.ts';
import { repoRoot } from '../../pipeline/core/project.ts';

const zh = parseTranslations(readFileSync(join(repoRoot, 'templates', 'messages.zh-Hans.yaml'), 'utf8'));

describe('messages in Chinese', () => {
  it('are chosen by --lang, then REPORT_LANG, then the system locale', () => {
    expect(languageOf('zh', { LANG: 'C.UTF-8' })).toBe('zh');
    expect(languageOf('en', { LANG: 'zh_CN.UTF-8' })).toBe('en');
    expect(languageOf(undefined, { REPORT_LANG: 'zh', LANG: 'en_US.UTF-8' })).toBe('zh');
    expect(languageOf(undefined, { LANG: 'zh_CN.UTF-8' })).toBe('zh');
    expect(languageOf(undefined, { LC_ALL: 'zh_TW.UTF-8', LANG: 'en_US' })).toBe('zh');
    expect(languageOf(undefined, {})).toBe('en');
  });

  it('translate an error with its parameters, and its optional ones only when given', () => {
    const d = translate(diag('HBS_UNKNOWN_HELPER', { name: 'percent', known: 'v, pct', suggestion: 'pct' }, { file: 'chapters/01-a.md', line: 3, column: 5 }), zh);
    expect(formatDiagnostic(d)).toBe('chapters/01-a.md:3:5  未知的帮助函数“percent”（是否想写 {{pct …}}？）  [HBS_UNKNOWN_HELPER]\n    hint: 可用的帮助函数：v, pct；各自输出什么见 README“Chapters”。');
    expect(translate(diag('HBS_UNKNOWN_HELPER', { name: 'foo', known: 'v' }), zh).message).toBe('未知的帮助函数“foo”');
    expect(translate(diag('DATA_SCHEMA', { expected: 'a number', found: '"35%"', hint: "Write 35 and give the datum (or its group) unit: '%'; the unit prints the % sign." }), zh).hint).toMatch(/^Write 35 .*请改正此值/);
  });

  it('leave a code without a translation in English', () => {
    const d = diag('BENCH_STEP_FAILED', { step: 'build', detail: 'x' });
    expect(translate(d, zh)).toEqual(d);
  });

  it('name only codes of the catalog and only their parameters', () => {
    expect(zh.size).toBeGreaterThanOrEqual(25);
    for (const [code, t] of zh) {
      expect(Object.keys(catalog), code).toContain(code);
      const params = [...`${t.message}${t.hint}`.matchAll(/‹(\w+)/g)].map((m) => m[1]);
      // each placeholder fills from a parameter the English message or hint prints
      const english = (catalog as unknown as Record<string, { message: (p: Record<string, string>) => string; hint: (p: Record<string, string>) => string }>)[code];
      const probe = Object.fromEntries(params.map((p) => [p, `@@${p}@@`]));
      for (const p of params) expect(english.message(probe) + english.hint(probe), `${code}: ‹${p}›`).toContain(`@@${p}@@`);
    }
  });
});
