import { GraphQLScalarType, Kind } from 'graphql';
import { AtlasError, ErrorCode } from './errors';

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The dates the API accepts: from the founding of the PRC to the end of 2100 (plans and as-of dates may lie ahead; events may not, per service). */
export const MIN_DATE = '1949-10-01';
export const MAX_DATE = '2100-12-31';

/** Returns the problem with a calendar date string (YYYY-MM-DD), or null. */
export function localDateProblem(value: unknown): string | null {
  if (typeof value !== 'string') return 'must be a string in the form YYYY-MM-DD';
  const m = DATE.exec(value);
  if (!m) return `"${value}" is not in the form YYYY-MM-DD`;
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  if (d.getUTCFullYear() !== +m[1] || d.getUTCMonth() !== +m[2] - 1 || d.getUTCDate() !== +m[3]) return `"${value}" is not a real calendar date`;
  if (value < MIN_DATE || value > MAX_DATE) return `"${value}" is outside ${MIN_DATE} … ${MAX_DATE}`;
  return null;
}

function parse(value: unknown): string {
  const problem = localDateProblem(value);
  if (problem) throw new AtlasError(ErrorCode.INVALID_DATE, `LocalDate ${problem}`);
  return value as string;
}

/** A calendar date without time zone (YYYY-MM-DD), as stage dates and fund arrivals are recorded. */
export const LocalDateScalar = new GraphQLScalarType<string, string>({
  name: 'LocalDate',
  description: 'A calendar date without time zone, YYYY-MM-DD.',
  serialize: (v) => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v)),
  parseValue: parse,
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING) throw new AtlasError(ErrorCode.INVALID_DATE, 'LocalDate must be a string in the form YYYY-MM-DD');
    return parse(ast.value);
  },
});
