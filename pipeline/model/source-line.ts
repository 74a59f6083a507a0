/**
 * The source line under a chart or table, as research houses print it (资料来源：国家统计局、公开资料；
 * 课题组整理。): the sources the figures cite, then the compiler's own work on them. A datum's
 * `source:` that names the compiler's work (公开资料整理, 本报告预测) is split by `locale.source_line.own_work`
 * into what it cites and the work; any other source is cited as written.
 */
import type { Locale } from './locale.ts';

export function sourceLine(sources: string[], locale: Locale): string {
  const s = locale.source_line;
  const cites: string[] = [];
  const works: string[] = [];
  const add = (list: string[], x: string | undefined) => {
    if (x && !list.includes(x)) list.push(x);
  };
  // the sources named by who issued them first, the compiler's public materials after them (艾瑞咨询、公开资料)
  const named = (x: string) => (s.own_work[x] ? 1 : 0);
  for (const source of [...sources].sort((a, b) => named(a) - named(b))) {
    const own = s.own_work[source];
    if (own) {
      add(cites, own.cites);
      add(works, own.work);
    } else add(cites, source);
  }
  // what is cited was compiled (整理) by the team, whatever else it did with it
  if (cites.length && !works.includes(s.compiled)) works.unshift(s.compiled);
  if (!cites.length && !works.length) return '';
  const cited = cites.length ? `${cites.join(s.between)}${s.before_work}` : '';
  return `${s.prefix}${cited}${s.compiler}${works.join(locale.list_separator)}${s.end}`;
}
