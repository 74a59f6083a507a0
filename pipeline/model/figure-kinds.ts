/**
 * What a figure measures. A datum says it with `kind:` (or takes the default of its unit, see
 * templates/units.yaml); the checks each kind implies are in check/figure-checks.ts, the
 * analysts' names for them in templates/data-fields.yaml.
 */
export const figureKinds = [
  /** money: 15.3万亿元, 150元/人 */
  'amount',
  /** whole things: people, firms, visits (a whole number in its smallest unit) */
  'count',
  /** a mean of counts or a frequency: 3.2个 platforms compared, 12次/月 */
  'average',
  /** a proportion within 0–100 %: part of a whole, a rate such as 渗透率, 复购率, 满意度, a probability */
  'share',
  /** a % of a reference that is not a part of it, may exceed 100 %: 相当于全国平均的60%, 加计扣除比例200% */
  'ratio',
  /** a rate of change in %: 增速, 增幅, 降幅 */
  'growth',
  /** a change of a % figure, in 个百分点 */
  'pp',
  /** a multiple, in 倍 */
  'multiple',
  /** a span of time: 天, 小时, 个月 */
  'duration',
  /** a score, index, age or other level: 分, 岁, 版 */
  'index',
] as const;
export type FigureKind = (typeof figureKinds)[number];
