/** Collects WHERE clauses with `$n` parameters so filters never concatenate values into SQL. */
export class SqlBuilder {
  private readonly clauses: string[] = [];

  /** `params` may be shared with other builders, so clauses of several parts of one statement number their placeholders in one list. */
  constructor(readonly params: unknown[] = []) {}

  /** Adds a value and returns its placeholder. */
  param(value: unknown): string {
    this.params.push(value);
    return `$${this.params.length}`;
  }

  and(clause: string): this {
    this.clauses.push(`(${clause})`);
    return this;
  }

  get where(): string {
    return this.clauses.length ? `WHERE ${this.clauses.join(' AND ')}` : '';
  }
}

/**
 * A LIKE/ILIKE pattern that matches `text` literally (its `%`, `_` and `\` escaped, PostgreSQL's default escape character):
 * `contains` anywhere, or as a `prefix`.
 */
export function likePattern(text: string, match: 'contains' | 'prefix' = 'contains'): string {
  const literal = text.replace(/[\\%_]/g, (c) => `\\${c}`);
  return match === 'prefix' ? `${literal}%` : `%${literal}%`;
}
