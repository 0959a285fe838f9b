/** A number typed into a form: null when left empty, NaN when it is not a number. */
export function parseNumber(text: string): number | null {
  const trimmed = text.trim().replace(/,/g, '');
  if (trimmed === '') return null;
  return Number(trimmed);
}

/** The text a number input starts with. */
export const numberText = (value: number | null | undefined) => (value == null ? '' : String(value));
