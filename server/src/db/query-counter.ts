import { AsyncLocalStorage } from 'node:async_hooks';
import type { Logger } from 'typeorm';

/** Counts SQL statements per GraphQL request (the N+1 guard in tests reads it). */
export class QueryCounter {
  private static readonly storage = new AsyncLocalStorage<{ count: number; statements: string[] }>();

  static run<T>(fn: () => T): { result: T; counter: { count: number; statements: string[] } } {
    const counter = { count: 0, statements: [] as string[] };
    return { result: this.storage.run(counter, fn), counter };
  }

  static current(): { count: number; statements: string[] } | undefined {
    return this.storage.getStore();
  }

  static readonly logger: Logger = {
    logQuery: (query) => {
      const c = QueryCounter.storage.getStore();
      if (!c) return;
      c.count++;
      c.statements.push(query);
      if (process.env.ATLAS_LOG_SQL) console.log('[sql]', query.replace(/\s+/g, ' ').slice(0, 160));
    },
    logQueryError: (error, query) => { if (process.env.ATLAS_LOG_SQL_ERRORS) console.error('[sql error]', error, query); },
    logQuerySlow: () => undefined,
    logSchemaBuild: () => undefined,
    logMigration: () => undefined,
    log: () => undefined,
  };
}
