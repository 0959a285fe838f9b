/**
 * A decimal typed by a person, moved by `places` decimal places without floating-point drift: 1.1 亿元 → 11000 万元
 * (places 4), 70 % → 0.7 (places -2). Null when left empty, NaN when it is not a plain decimal. Never rounds: a value
 * with too many decimals goes to the server, which refuses it with a coded error.
 */
export function shiftDecimal(text: string, places: number): number | null {
  const t = text.trim().replace(/[,，]/g, '');
  if (t === '') return null;
  const m = /^(-?)(\d*)(?:\.(\d*))?$/.exec(t);
  if (!m || (m[2] === '' && !m[3])) return Number.NaN;
  const [, sign, whole, frac = ''] = m;
  const digits = whole + frac;
  const point = whole.length + places;
  const padded = point > digits.length ? digits.padEnd(point, '0') : point < 0 ? '0'.repeat(-point) + digits : digits;
  const at = Math.max(point, 0);
  return Number(`${sign}${padded.slice(0, at) || '0'}.${padded.slice(at) || '0'}`);
}

/** The text an input starts with for a stored value shown `places` decimal places further left (万元 → 亿元: 4). */
export function unshiftDecimal(value: number | null | undefined, places: number): string {
  if (value == null) return '';
  return String(shiftDecimal(String(value), -places));
}
