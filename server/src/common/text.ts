import { AtlasError, ErrorCode } from './errors';

/** Characters that render as nothing: a name made only of these (and spaces) is blank. */
const INVISIBLE = /[\s\u00AD\u180E\u200B-\u200F\u2028-\u202F\u205F-\u206F\u3000\uFEFF]/gu;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
// C0 controls other than tab, newline and carriage return, DEL and C1 controls; NUL included.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;

/** Text length limits by argument or input-field name (characters); every other String gets DEFAULT_TEXT_LIMIT. */
export const TEXT_LIMITS: Record<string, number> = {
  name: 200, displayName: 100, username: 40, password: 200, code: 64, categoryCode: 64, categoryCodes: 64,
  text: 100, industry: 100, city: 100, sourceRegion: 100, uscc: 18, companyUscc: 18, industryCodePrefix: 5, codePrefix: 20,
  evidenceRef: 100, evidenceNote: 1000, after: 100, action: 40, entity: 40, actorName: 100, mainIndustries: 100,
  // A ledger file (base64) and a persisted GraphQL document: bounded by the 2 MiB body limit rather than a text limit.
  contentBase64: 2_800_000, document: 100_000,
};
export const DEFAULT_TEXT_LIMIT = 2000;

/** Fields that name something: they must contain a visible character. */
const NAME_FIELDS = new Set(['name', 'displayName', 'evidenceRef', 'username']);

/** The one text rule for every String the API accepts: no NUL, control characters or lone surrogates; within its length limit; names not blank. */
export function checkText(field: string, value: string): void {
  const limit = TEXT_LIMITS[field] ?? DEFAULT_TEXT_LIMIT;
  if (value.length > limit) {
    throw new AtlasError(ErrorCode.TEXT_TOO_LONG, `${field}: at most ${limit} characters; got ${value.length}`, { field, limit });
  }
  if (CONTROL.test(value)) {
    throw new AtlasError(ErrorCode.INVALID_TEXT, `${field}: contains a NUL byte or control character; remove it`, { field });
  }
  if (LONE_SURROGATE.test(value)) {
    throw new AtlasError(ErrorCode.INVALID_TEXT, `${field}: contains a lone UTF-16 surrogate (broken Unicode); send well-formed text`, { field });
  }
  if (NAME_FIELDS.has(field) && value.replace(INVISIBLE, '') === '') {
    throw new AtlasError(ErrorCode.INVALID_ARGUMENT, `${field}: must not be blank (only spaces or invisible characters)`, { field });
  }
}

/** Applies checkText to every string in a (coerced) GraphQL argument value, naming each by its nearest field name. */
export function checkTextDeep(field: string, value: unknown, depth = 0): void {
  if (depth > 20 || value === null || value === undefined) return;
  if (typeof value === 'string') { checkText(field, value); return; }
  if (Array.isArray(value)) { for (const v of value) checkTextDeep(field, v, depth + 1); return; }
  // Input objects (null-prototype or class instances); a GeoJSON geometry was already checked by its scalar.
  if (typeof value === 'object' && !isGeometry(value)) for (const [k, v] of Object.entries(value)) checkTextDeep(k, v, depth + 1);
}

const isGeometry = (v: object) => 'coordinates' in v && 'type' in v;
