/**
 * The last line of defence against silent wrong output (issue 20): what JavaScript prints for a
 * missing or broken value. A chart, table cell or bound figure containing one of these fails the
 * build, whatever check let it through. Only ASCII words count: 无 or 空 in prose are not faults.
 */
const wrong = /(?<![A-Za-z])(undefined|NaN|null|-?Infinity)(?![A-Za-z])|\[object \w+\]/;

/** The first such token in `text`, if any. */
export function wrongToken(text: string): string | undefined {
  return wrong.exec(text)?.[0];
}

/** `text` cut around its token, for a message. */
export function around(text: string, token: string, span = 30): string {
  const i = text.indexOf(token);
  return (i > span ? '…' : '') + text.slice(Math.max(0, i - span), i + token.length + span) + (i + token.length + span < text.length ? '…' : '');
}
