import { createHash } from 'node:crypto';
import bcrypt from 'bcryptjs';
import { SignJWT, jwtVerify } from 'jose';
import type { DataSource } from 'typeorm';
import { AtlasError, ErrorCode } from '../common/errors';
import type { AuthUser } from './auth-user';
import { DEMO_ACCOUNTS, USER_BY_API_KEY_HASH, USER_BY_ID, USER_BY_USERNAME } from './auth.sql';

const ISSUER = 'invest-atlas';

interface UserRow { id: number; username: string; display_name: string; role: AuthUser['role']; unit_id: number | null; chain_ids: number[]; password_hash: string | null }


const toAuthUser = (r: UserRow): AuthUser => ({
  id: r.id, username: r.username, displayName: r.display_name, role: r.role, unitId: r.unit_id, chainIds: (r.chain_ids ?? []).map(Number),
});

/** Sign-in with bcrypt-hashed passwords, HS256-signed session tokens, and SHA-256-hashed integrator API keys. */
export class AuthService {
  private readonly key: Uint8Array;

  constructor(private readonly db: DataSource, secret: string, private readonly ttlHours: number) {
    this.key = new TextEncoder().encode(secret);
  }

  async signIn(username: string, password: string): Promise<{ token: string; user: AuthUser }> {
    const [row]: UserRow[] = await this.db.query(USER_BY_USERNAME, [username.trim().toLowerCase()]);
    // Compare even when the user is missing so timing does not reveal which usernames exist.
    const ok = await bcrypt.compare(password, row?.password_hash ?? '$2b$10$invalidinvalidinvalidinvalidinvalidinvalidinvalidinv');
    if (!row || !row.password_hash || !ok) throw new AtlasError(ErrorCode.BAD_CREDENTIALS, 'Wrong username or password');
    const user = toAuthUser(row);
    const token = await new SignJWT({ role: user.role })
      .setProtectedHeader({ alg: 'HS256' }).setSubject(String(user.id)).setIssuer(ISSUER)
      .setIssuedAt().setExpirationTime(`${this.ttlHours}h`).sign(this.key);
    return { token, user };
  }

  /** Demo accounts with their shown passwords (none on a database without demo data). */
  async demoAccounts(): Promise<{ username: string; displayName: string; role: AuthUser['role']; password: string }[]> {
    const rows: { username: string; display_name: string; role: AuthUser['role']; demo_password: string }[] = await this.db.query(DEMO_ACCOUNTS);
    return rows.map((r) => ({ username: r.username, displayName: r.display_name, role: r.role, password: r.demo_password }));
  }

  /** The caller behind an Authorization or X-API-Key header; null when neither is sent. */
  async authenticate(authorization: string | undefined, apiKey: string | undefined): Promise<AuthUser | null> {
    if (apiKey) {
      const hash = createHash('sha256').update(apiKey).digest('hex');
      const [row]: UserRow[] = await this.db.query(USER_BY_API_KEY_HASH, [hash]);
      if (!row) throw new AtlasError(ErrorCode.UNAUTHENTICATED, 'X-API-Key is not a known integrator key');
      return toAuthUser(row);
    }
    if (!authorization) return null;
    const m = /^Bearer\s+(.+)$/i.exec(authorization);
    if (!m) throw new AtlasError(ErrorCode.UNAUTHENTICATED, 'Authorization header must be "Bearer <token>"');
    let sub: string | undefined;
    try {
      ({ payload: { sub } } = await jwtVerify(m[1], this.key, { issuer: ISSUER }));
    } catch {
      throw new AtlasError(ErrorCode.UNAUTHENTICATED, 'Session token is invalid or expired; sign in again');
    }
    const [row]: UserRow[] = await this.db.query(USER_BY_ID, [Number(sub)]);
    if (!row) throw new AtlasError(ErrorCode.UNAUTHENTICATED, 'The account behind this token no longer exists');
    return toAuthUser(row);
  }
}
