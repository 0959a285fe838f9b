import type { DataSource } from 'typeorm';
import type { AuthUser } from '../auth/auth-user';
import type { AuthService, CredentialLookup } from '../auth/auth.service';
import { LoaderRegistry } from './loaders';

/** What every resolver gets: the caller, the database, and this request's DataLoaders. */
export interface AtlasContext {
  user: AuthUser | null;
  db: DataSource;
  auth: AuthService;
  loaders: LoaderRegistry;
  /** The HTTP peer's address (sign-in throttling per address); undefined for in-process calls. */
  clientAddress?: string;
  /**
   * false: answer on the resolvers even when a query compiles to one statement (common/projection.ts); tests compare
   * both paths with it. Unset means compiled reads are used.
   */
  compiledReads?: boolean;
  /** The caller's account check not run yet (HTTP requests, auth/caller.ts); `user` is null until it settles. */
  pendingCaller?: CredentialLookup;
  /** The settled account check (rejected with the 401 of a refused credential). */
  callerSettled?: Promise<void>;
}

export function createContext(db: DataSource, auth: AuthService, user: AuthUser | null, clientAddress?: string): AtlasContext {
  return { user, db, auth, loaders: new LoaderRegistry(), clientAddress };
}
