import type { DataSource } from 'typeorm';
import type { AuthUser } from '../auth/auth-user';
import type { AuthService, CredentialLookup } from '../auth/auth.service';
import { LoaderRegistry } from './loaders';
import type { CompiledRead } from './projection';

/** What every resolver gets: the caller, the database, and this request's DataLoaders. */
export interface AtlasContext {
  user: AuthUser | null;
  db: DataSource;
  auth: AuthService;
  loaders: LoaderRegistry;
  /** The HTTP peer's address (sign-in throttling per address); undefined for in-process calls. */
  clientAddress?: string;
  /**
   * Whether a query that compiles to one statement (common/projection.ts) is answered by it. A compiled answer is JSON
   * text (JsonText) spliced into the HTTP response, so HTTP requests use it (their context sets true); in-process
   * calls (executeOperation, subscriptions) leave it unset and get plain objects from the resolvers. Tests set it to
   * compare both paths.
   */
  compiledReads?: boolean;
  /** The caller's account check not run yet (HTTP requests, auth/caller.ts); `user` is null until it settles. */
  pendingCaller?: CredentialLookup;
  /** The settled account check (rejected with the 401 of a refused credential). */
  callerSettled?: Promise<void>;
  /**
   * Told by the executor of the compiled read that answered this request, with the number of its leading parameters
   * that are the caller check's (graphql/known-reads.ts learns from it). A callback, not a field: Apollo executes on
   * a shallow copy of the context.
   */
  onCompiledAnswer?: (read: CompiledRead, callerParams: number) => void;
}

export function createContext(db: DataSource, auth: AuthService, user: AuthUser | null, clientAddress?: string): AtlasContext {
  return { user, db, auth, loaders: new LoaderRegistry(), clientAddress };
}
