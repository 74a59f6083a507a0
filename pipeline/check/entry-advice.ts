/**
 * What to type instead, for the common data-entry mistakes in a number or a year (issue 20): a
 * percent sign, a thousands separator, a unit or 年 typed into the value, full-width digits. The
 * advice says the fix, not the schema.
 */
const fullWidth = /[０-９．，％]/;
const toHalfWidth = (s: string) => s.replace(/[０-９．，％]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));

export function entryAdvice(field: string | number | undefined, found: unknown): string | undefined {
  if (typeof found !== 'string') return undefined;
  const text = found.trim();
  if (fullWidth.test(text)) {
    const half = toHalfWidth(text);
    return `${JSON.stringify(text)} is typed with full-width characters: write ${JSON.stringify(half)} in half-width (English input). ${entryAdvice(field, half) ?? ''}`;
  }
  if (field === 'year' || field === 'base_year') {
    const m = /^(\d{4})\s*年$/.exec(text);
    if (m) return `Write year: ${m[1]}; the report prints 年 itself.`;
    return undefined;
  }
  if (field !== 'value' && field !== 'to' && field !== 'tolerance') return undefined;
  let m = /^(-?[\d.]+)\s*%$/.exec(text);
  if (m) return `Write ${m[1]} and give the datum (or its group) unit: '%'; the unit prints the % sign.`;
  m = /^(-?\d{1,3}(?:,\d{3})+(?:\.\d+)?)$/.exec(text);
  if (m) return `Write ${m[1].replaceAll(',', '')}: no thousands separators in a number (the report prints them where its style wants them).`;
  m = /^(-?\d+(?:\.\d+)?)\s*(\S+)$/.exec(text);
  if (m) return `Write ${m[1]} and put the unit under \`unit: ${m[2]}\` (on the datum or its group); the unit prints after the number.`;
  return undefined;
}
