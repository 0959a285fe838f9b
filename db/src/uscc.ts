// 统一社会信用代码 (GB 32100-2015): 18 characters from a 31-character alphabet; the last is a check character.
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** The check character for the first 17 characters of a USCC, or null if they use a character outside the alphabet. */
export function usccCheckChar(first17: string): string | null {
  if (first17.length !== 17) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = ALPHABET.indexOf(first17[i]);
    if (v < 0) return null;
    sum += v * WEIGHTS[i];
  }
  return ALPHABET[(31 - (sum % 31)) % 31];
}

/** Why a USCC is invalid, or null when it is valid. */
export function usccProblem(code: string): string | null {
  if (code.length !== 18) return `must be 18 characters, got ${code.length}`;
  const bad = [...code].find((c) => !ALPHABET.includes(c));
  if (bad) return `character "${bad}" is not allowed (digits and upper-case letters except I, O, S, V, Z)`;
  if (!/^[0-9]{6}$/.test(code.slice(2, 8))) return 'characters 3–8 must be the six-digit GB/T 2260 region code';
  const expected = usccCheckChar(code.slice(0, 17));
  if (expected !== code[17]) return `check character should be "${expected}", got "${code[17]}"`;
  return null;
}

/** Completes 17 characters into a valid USCC. */
export function usccWithCheck(first17: string): string {
  const c = usccCheckChar(first17);
  if (!c) throw new Error(`cannot build a USCC from "${first17}"`);
  return first17 + c;
}
