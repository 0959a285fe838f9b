import { AsyncLocalStorage } from 'node:async_hooks';
import type { Logger } from 'typeorm';

/** The statements of one request, with the parameters of each (the plan tests EXPLAIN them as they ran). */
export interface Counter { count: number; statements: string[]; parameters: unknown[][] }

/** Counts SQL statements per GraphQL request (the N+1 guard in tests reads it). */
export class QueryCounter {
  private static readonly storage = new AsyncLocalStorage<Counter>();

  static run<T>(fn: () => T): { result: T; counter: Counter } {
    const counter: Counter = { count: 0, statements: [], parameters: [] };
    return { result: this.storage.run(counter, fn), counter };
  }

  static current(): Counter | undefined {
    return this.storage.getStore();
  }

  static readonly logger: Logger = {
    logQuery: (query, parameters) => {
      const c = QueryCounter.storage.getStore();
      if (!c) return;
      c.count++;
      c.statements.push(query);
      c.parameters.push(Array.isArray(parameters) ? parameters : []);
      if (process.env.ATLAS_LOG_SQL) console.log('[sql]', query.replace(/\s+/g, ' ').slice(0, 160));
    },
    logQueryError: (error, query) => { if (process.env.ATLAS_LOG_SQL_ERRORS) console.error('[sql error]', error, query); },
    logQuerySlow: () => undefined,
    logSchemaBuild: () => undefined,
    logMigration: () => undefined,
    log: () => undefined,
  };
}
