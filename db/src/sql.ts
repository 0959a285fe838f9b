/** The few database calls migrations and seeding need; implemented over `pg` and over PGlite. */
export interface Sql {
  /** One statement with `$n` parameters; resolves to the rows. */
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  /** A script of several statements, no parameters (DDL, BEGIN/COMMIT). */
  exec(script: string): Promise<void>;
}
