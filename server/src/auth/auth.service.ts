import { createHash, randomBytes } from 'node:crypto';
import bcrypt from 'bcryptjs';
import { SignJWT, jwtVerify } from 'jose';
import type { DataSource } from 'typeorm';
import { AtlasError, ErrorCode } from '../common/errors';
import type { ThrottleSettings } from '../config';
import { rethrowUnavailable } from '../db/availability';
import type { AuthUser } from './auth-user';
import { CLEAR_FAILURES, USER_BY_API_KEY, USER_WITH_SCOPE, DEMO_ACCOUNTS } from './auth.sql';
import { SignInThrottle } from './throttle';

const ISSUER = 'invest-atlas';
/** bcrypt cost of every stored password (the demo seed uses the same), so a dummy compare costs what a real one does. */
export const BCRYPT_COST = 10;

interface UserRow {
  id: number; username: string; display_name: string; role: AuthUser['role']; unit_id: number | null; chain_ids: number[];
  password_hash: string | null; disabled: boolean; password_changed_at: Date | null;
}

const toAuthUser = (r: Pick<UserRow, 'id' | 'username' | 'display_name' | 'role' | 'unit_id' | 'chain_ids'>): AuthUser => ({
  id: r.id, username: r.username, displayName: r.display_name, role: r.role, unitId: r.unit_id, chainIds: (r.chain_ids ?? []).map(Number),
});

export const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
export const normalizeUsername = (u: string) => u.trim().toLowerCase();

export interface AuthOptions {
  throttle?: ThrottleSettings;
  /** Whether demoAccounts may list demo passwords (false in production unless demo data was loaded on purpose). */
  listDemoAccounts?: boolean;
}

/** Sign-in with bcrypt-hashed passwords and throttling, HS256-signed session tokens, and SHA-256-hashed scoped API keys. */
/** Verified session tokens remembered per process (the account is still read on every request). */
const VERIFIED_TOKENS_KEPT = 1000;

export class AuthService {
  private readonly key: Uint8Array;
  readonly throttle: SignInThrottle;
  readonly listDemoAccounts: boolean;
  // A real hash of a random password: unknown usernames pay the same bcrypt work as known ones.
  private dummyHash: Promise<string> | null = null;
  /** The password hasher (bcrypt), one object so a test can observe every comparison. */
  readonly hasher = { compare: (password: string, hash: string): Promise<boolean> => bcrypt.compare(password, hash) };

  constructor(private readonly db: DataSource, secret: string, private readonly ttlHours: number, opts: AuthOptions = {}) {
    this.key = new TextEncoder().encode(secret);
    this.throttle = new SignInThrottle(db, opts.throttle ?? { maxPerAccount: 5, maxPerAddress: 50, windowSeconds: 900 });
    this.listDemoAccounts = opts.listDemoAccounts ?? true;
  }

  private dummy(): Promise<string> {
    this.dummyHash ??= bcrypt.hash(randomBytes(16).toString('hex'), BCRYPT_COST);
    return this.dummyHash;
  }

  /** Checks a password in constant work: bcrypt runs whether or not the account exists or has a password. */
  async verifyPassword(hash: string | null | undefined, password: string): Promise<boolean> {
    const ok = await this.hasher.compare(password, hash ?? (await this.dummy()));
    return Boolean(hash) && ok;
  }

  /** `clientAddress` (the HTTP peer) adds per-address throttling; in-process callers have none. */
  async signIn(username: string, password: string, clientAddress?: string): Promise<{ token: string; user: AuthUser }> {
    const name = normalizeUsername(username);
    try {
      await this.throttle.check(name, clientAddress);
      const [row]: UserRow[] = await this.db.query(`${USER_WITH_SCOPE} WHERE u.username = $1`, [name]);
      const ok = await this.verifyPassword(row?.password_hash, password);
      if (!row || !ok || row.disabled) {
        await this.throttle.failed(name, clientAddress);
        throw new AtlasError(ErrorCode.BAD_CREDENTIALS, 'Wrong username or password');
      }
      await this.db.query(CLEAR_FAILURES, [`user:${name}`]);
      const user = toAuthUser(row);
      return { token: await this.issueToken(user), user };
    } catch (e) { return rethrowUnavailable(e); }
  }

  async issueToken(user: AuthUser): Promise<string> {
    return new SignJWT({ role: user.role })
      .setProtectedHeader({ alg: 'HS256' }).setSubject(String(user.id)).setIssuer(ISSUER)
      .setIssuedAt().setExpirationTime(`${this.ttlHours}h`).sign(this.key);
  }

  /** Demo accounts with their shown passwords: only accounts the demo seed created, and never in production unless seeded on purpose. */
  async demoAccounts(): Promise<{ username: string; displayName: string; role: AuthUser['role']; password: string }[]> {
    if (!this.listDemoAccounts) return [];
    const rows: { username: string; display_name: string; role: AuthUser['role']; demo_password: string }[] = await this.db.query(
      DEMO_ACCOUNTS);
    return rows.map((r) => ({ username: r.username, displayName: r.display_name, role: r.role, password: r.demo_password }));
  }

  /** The caller behind an Authorization or X-API-Key header; null when neither is sent. */
  /** Tokens whose signature was checked, with their claims (HMAC verification was the costliest step of a read request). */
  private readonly verified = new Map<string, { sub?: string; iat?: number; exp?: number }>();

  /** The claims of a token signed by this server and not expired; a token seen before skips the signature check, never the expiry. */
  private async verifiedClaims(token: string): Promise<{ sub?: string; iat?: number }> {
    const known = this.verified.get(token);
    if (known && known.exp !== undefined && known.exp * 1000 > Date.now()) return known;
    try {
      const { payload: { sub, iat, exp } } = await jwtVerify(token, this.key, { issuer: ISSUER });
      if (this.verified.size >= VERIFIED_TOKENS_KEPT) this.verified.delete(this.verified.keys().next().value!);
      this.verified.set(token, { sub, iat, exp });
      return { sub, iat };
    } catch {
      this.verified.delete(token);
      throw new AtlasError(ErrorCode.UNAUTHENTICATED, 'Session token is invalid or expired; sign in again');
    }
  }

  async authenticate(authorization: string | undefined, apiKey: string | undefined): Promise<AuthUser | null> {
    try {
      const lookup = await this.credentialLookup(authorization, apiKey);
      if (!lookup) return null;
      const [row]: unknown[] = await this.db.query(lookup.sql, lookup.params);
      return lookup.accept(row);
    } catch (e) { return rethrowUnavailable(e); }
  }

  /**
   * The first half of authenticate, without the database: checks the token's signature and says which SELECT
   * finds the account (placeholder `$<param>`, for a caller that embeds it in a larger statement, as tiles do to
   * save a round trip) and what the row must satisfy. null when neither header is sent.
   */
  async credentialLookup(authorization: string | undefined, apiKey: string | undefined, param = 1): Promise<CredentialLookup | null> {
    if (apiKey) {
      return {
        sql: USER_BY_API_KEY(`$${param}`), params: [sha256(apiKey)],
        accept: (found) => {
          const row = found as (UserRow & { key_id: number; key_name: string; key_mutations: string[] }) | undefined;
          if (!row) throw new AtlasError(ErrorCode.UNAUTHENTICATED, 'X-API-Key is not a known, unrevoked API key');
          if (row.disabled) throw new AtlasError(ErrorCode.UNAUTHENTICATED, 'The account of this API key is disabled');
          return { ...toAuthUser(row), apiKey: { id: row.key_id, name: row.key_name, mutations: row.key_mutations ?? [] } };
        },
      };
    }
    if (!authorization) return null;
    const m = /^Bearer\s+(.+)$/i.exec(authorization);
    if (!m) throw new AtlasError(ErrorCode.UNAUTHENTICATED, 'Authorization header must be "Bearer <token>"');
    const { sub, iat } = await this.verifiedClaims(m[1]);
    return {
      sql: `${USER_WITH_SCOPE} WHERE u.id = $${param}`, params: [Number(sub)],
      accept: (found) => {
        const row = found as UserRow | undefined;
        if (!row) throw new AtlasError(ErrorCode.UNAUTHENTICATED, 'The account behind this token no longer exists');
        if (row.disabled) throw new AtlasError(ErrorCode.UNAUTHENTICATED, 'This account is disabled; ask an admin');
        if (row.password_changed_at && iat !== undefined && iat < Math.floor(new Date(row.password_changed_at).getTime() / 1000)) {
          throw new AtlasError(ErrorCode.UNAUTHENTICATED, 'The password changed after this session began; sign in again');
        }
        return toAuthUser(row);
      },
    };
  }
}

/** How to find the caller: one SELECT of the account row (columns include `disabled`) and the checks that row must pass. */
export interface CredentialLookup {
  sql: string;
  params: unknown[];
  /** The caller, or UNAUTHENTICATED when the row is missing, disabled or older than the password. */
  accept(row: unknown): AuthUser;
}
