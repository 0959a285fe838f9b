import { randomBytes } from 'node:crypto';

/**
 * JSON that is already serialised (GeoJSON text from `ST_AsGeoJSON`): carried through execution as text and spliced
 * into the HTTP response by `stringifyWithJsonText`, so a 100 kB boundary is never parsed and serialised again.
 * Any other JSON.stringify (in-process calls, subscriptions, tests) gets the parsed value through `toJSON`.
 */
export class JsonText {
  constructor(readonly text: string) {}

  toJSON(): unknown {
    return splicing ? splicing(this.text) : JSON.parse(this.text);
  }
}

// A private-use character and a per-process nonce: a placeholder no stored string can spell by accident or design.
const NONCE = randomBytes(6).toString('hex');
const PLACEHOLDER = new RegExp(`"\\uE000${NONCE}:(\\d+)\\uE000"`, 'g');
let splicing: ((text: string) => string) | null = null;

/** The body of a GraphQL HTTP response (Apollo's stringifyResult). */
export const graphqlResponseBody = (result: unknown): string => `${stringifyWithJsonText(result)}\n`;

/**
 * The bytes graphqlResponseBody writes for `{ data }` whose root values are JSON texts (`keys[i]` → `texts[i]`, null
 * for null), joined directly: for a 150 kB answer the JSON.stringify pass and its placeholder replace were a tenth of
 * the request (graphql/known-reads.ts).
 */
export const dataResponseBody = (keys: readonly string[], texts: readonly (string | null)[]): string =>
  `{"data":{${keys.map((key, i) => `${JSON.stringify(key)}:${texts[i]}`).join(',')}}}\n`;

/** JSON.stringify with every JsonText written out as its text (the same output as parsing it first, without the parse). */
export function stringifyWithJsonText(value: unknown): string {
  const texts: string[] = [];
  splicing = (text) => `\uE000${NONCE}:${texts.push(text) - 1}\uE000`;
  let out: string;
  try {
    out = JSON.stringify(value);
  } finally {
    splicing = null;
  }
  return texts.length === 0 ? out : out.replace(PLACEHOLDER, (_m, i: string) => texts[Number(i)]);
}
