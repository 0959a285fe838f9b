import { randomBytes } from 'node:crypto';
import bcrypt from 'bcryptjs';
import type { DataSource, EntityManager } from 'typeorm';
import { recordAudit } from '../common/audit';
import { AtlasError, ErrorCode, forbidden, invalid, notFound } from '../common/errors';
import { parseId } from '../common/filters';
import { Role, type AuthUser } from './auth-user';
import { BCRYPT_COST, normalizeUsername, sha256, type AuthService } from './auth.service';
import {
  INSERT_API_KEY, INSERT_USER, LIST_API_KEYS, LIST_USERS, OTHER_ACTIVE_ADMINS, REVOKE_API_KEY, SET_PASSWORD,
  SET_USER_CHAINS_DELETE, SET_USER_CHAINS_INSERT, UPDATE_USER, PASSWORD_HASH_OF_USER, USERNAME_TAKEN,
} from './auth.sql';
import type { ApiKey, CreateApiKeyInput, CreateUserInput, UpdateUserInput, UserAccount } from './accounts.types';

export const MIN_PASSWORD_LENGTH = 10;
const USERNAME = /^[a-z0-9_.-]{3,40}$/;

/** Why a password is not acceptable, or null. Shared by the API and `pnpm atlas user add`. */
export function passwordProblem(password: string, username: string): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) return `must be at least ${MIN_PASSWORD_LENGTH} characters`;
  if (password.length > 200) return 'must be at most 200 characters';
  if (password.toLowerCase().includes(username.toLowerCase())) return 'must not contain the username';
  if (new Set(password).size < 4) return 'must use at least 4 different characters';
  return null;
}

export const hashPassword = (password: string) => bcrypt.hash(password, BCRYPT_COST);

interface UserRow { id: number; username: string; display_name: string; role: Role; unit_id: number | null; disabled: boolean; is_demo: boolean; has_password: boolean; chain_ids: number[] }
const toAccount = (r: UserRow): UserAccount => ({
  id: r.id, username: r.username, displayName: r.display_name, role: r.role, unitId: r.unit_id, chainIds: (r.chain_ids ?? []).map(Number),
  disabled: r.disabled, isDemo: r.is_demo, hasPassword: r.has_password,
});
interface KeyRow { id: number; name: string; user_id: number; username: string; key_prefix: string; mutations: string[]; created_at: Date; revoked_at: Date | null }
const toKey = (r: KeyRow): ApiKey => ({
  id: r.id, name: r.name, userId: r.user_id, username: r.username, prefix: r.key_prefix, mutations: r.mutations ?? [],
  readOnly: (r.mutations ?? []).length === 0, createdAt: r.created_at, revokedAt: r.revoked_at,
});

function assertAdmin(user: AuthUser, what: string) {
  if (user.role !== Role.ADMIN) throw forbidden(`${what} (admin only)`);
}

/** Passwords, accounts and API keys. Admin-only except changing one's own password; every change is audited. */
export class AccountService {
  constructor(private readonly db: DataSource, private readonly auth: AuthService) {}

  async changeOwnPassword(user: AuthUser, oldPassword: string, newPassword: string): Promise<boolean> {
    if (user.apiKey) throw forbidden('change a password with an API key (sign in as the person)');
    const [row]: { password_hash: string | null }[] = await this.db.query(PASSWORD_HASH_OF_USER, [user.id]);
    await this.auth.throttle.check(user.username, undefined);
    if (!(await this.auth.verifyPassword(row?.password_hash, oldPassword))) {
      await this.auth.throttle.failed(user.username, undefined);
      throw new AtlasError(ErrorCode.BAD_CREDENTIALS, 'oldPassword: the current password is wrong', { field: 'oldPassword' });
    }
    const problem = passwordProblem(newPassword, user.username) ?? (newPassword === oldPassword ? 'must differ from the current password' : null);
    if (problem) throw invalid('newPassword', problem, ErrorCode.WEAK_PASSWORD);
    const hash = await hashPassword(newPassword);
    await this.db.transaction(async (em) => {
      await em.query(SET_PASSWORD, [user.id, hash]);
      await recordAudit(em, user, 'user.password_changed', 'app_user', user.id, null, { passwordChanged: true });
    });
    return true;
  }

  async resetPassword(admin: AuthUser, id: string, newPassword: string): Promise<boolean> {
    assertAdmin(admin, 'reset passwords');
    const target = await this.one(parseId('id', id));
    const problem = passwordProblem(newPassword, target.username);
    if (problem) throw invalid('newPassword', problem, ErrorCode.WEAK_PASSWORD);
    const hash = await hashPassword(newPassword);
    await this.db.transaction(async (em) => {
      await em.query(SET_PASSWORD, [target.id, hash]);
      await recordAudit(em, admin, 'user.password_reset', 'app_user', target.id, null, { passwordResetBy: admin.username });
    });
    return true;
  }

  async list(admin: AuthUser): Promise<UserAccount[]> {
    assertAdmin(admin, 'list accounts');
    return (await this.db.query<UserRow[]>(`${LIST_USERS} ORDER BY u.id`)).map(toAccount);
  }

  async create(admin: AuthUser, input: CreateUserInput): Promise<UserAccount> {
    assertAdmin(admin, 'create accounts');
    const username = normalizeUsername(input.username);
    if (!USERNAME.test(username)) throw invalid('username', 'use 3-40 characters: a-z, 0-9, _ . -');
    const displayName = input.displayName?.trim();
    if (!displayName || displayName.length > 100) throw invalid('displayName', 'give a name of 1-100 characters');
    if (!input.password && input.role !== Role.INTEGRATOR) throw invalid('password', 'required for every role but INTEGRATOR');
    if (input.password) {
      const problem = passwordProblem(input.password, username);
      if (problem) throw invalid('password', problem, ErrorCode.WEAK_PASSWORD);
    }
    const unitId = input.unitId != null ? parseId('unitId', input.unitId) : null;
    if (input.role === Role.DISTRICT && unitId === null) throw invalid('unitId', 'a DISTRICT account needs its assessment unit');
    const chainIds = (input.chainIds ?? []).map((c) => parseId('chainIds', c));
    const hash = input.password ? await hashPassword(input.password) : null;
    const id = await this.db.transaction(async (em) => {
      const [{ n }] = await em.query(USERNAME_TAKEN, [username]);
      if (n > 0) throw new AtlasError(ErrorCode.CONFLICT, `username: "${username}" is taken; choose another`, { field: 'username' });
      const [{ id }] = await em.query(INSERT_USER, [username, displayName, input.role, hash, unitId]);
      await this.setChains(em, id, chainIds);
      const after = (await this.oneIn(em, id));
      await recordAudit(em, admin, 'user.created', 'app_user', id, null, after);
      return id as number;
    });
    return this.one(id);
  }

  async update(admin: AuthUser, id: string, input: UpdateUserInput): Promise<UserAccount> {
    assertAdmin(admin, 'change accounts');
    const userId = parseId('id', id);
    return this.db.transaction(async (em) => {
      const before = await this.oneIn(em, userId, true);
      const role = input.role ?? before.role;
      const disabled = input.disabled ?? before.disabled;
      const displayName = input.displayName === undefined || input.displayName === null ? before.displayName : input.displayName.trim();
      if (!displayName || displayName.length > 100) throw invalid('displayName', 'give a name of 1-100 characters');
      const unitId = input.unitId === undefined ? before.unitId : input.unitId === null ? null : parseId('unitId', input.unitId);
      if (role === Role.DISTRICT && unitId === null) throw invalid('unitId', 'a DISTRICT account needs its assessment unit');
      if (before.role === Role.ADMIN && !before.disabled && (role !== Role.ADMIN || disabled)) {
        const [{ n }] = await em.query(OTHER_ACTIVE_ADMINS, [userId]);
        if (n === 0) throw new AtlasError(ErrorCode.CONFLICT, 'This is the last active admin: make another account admin first');
      }
      await em.query(UPDATE_USER, [userId, displayName, role, unitId, disabled]);
      if (input.chainIds) await this.setChains(em, userId, input.chainIds.map((c) => parseId('chainIds', c)));
      const after = await this.oneIn(em, userId);
      await recordAudit(em, admin, 'user.updated', 'app_user', userId, before, after);
      return after;
    });
  }

  async listKeys(admin: AuthUser): Promise<ApiKey[]> {
    assertAdmin(admin, 'list API keys');
    return (await this.db.query<KeyRow[]>(`${LIST_API_KEYS} ORDER BY k.id`)).map(toKey);
  }

  /** A new random key (256 bits); only its SHA-256 is stored. `known` are the schema's root mutation names. */
  async createKey(admin: AuthUser, input: CreateApiKeyInput, known: readonly string[]): Promise<{ key: string; apiKey: ApiKey }> {
    assertAdmin(admin, 'create API keys');
    const name = input.name?.trim();
    if (!name || name.length > 100) throw invalid('name', 'give a name of 1-100 characters');
    const userId = parseId('userId', input.userId);
    const mutations = [...new Set(input.mutations ?? [])].sort();
    const unknown = mutations.filter((m) => !known.includes(m));
    if (unknown.length) throw invalid('mutations', `not mutations of this API: ${unknown.join(', ')}`);
    const key = `atlas_${randomBytes(32).toString('base64url')}`;
    const id = await this.db.transaction(async (em) => {
      await this.oneIn(em, userId);
      const [{ id }] = await em.query(INSERT_API_KEY, [name, userId, sha256(key), key.slice(0, 12), mutations, admin.id]);
      await recordAudit(em, admin, 'api_key.created', 'api_key', id, null, { name, userId, mutations });
      return id as number;
    });
    const [row] = await this.db.query<KeyRow[]>(`${LIST_API_KEYS} WHERE k.id = $1`, [id]);
    return { key, apiKey: toKey(row) };
  }

  async revokeKey(admin: AuthUser, id: string): Promise<ApiKey> {
    assertAdmin(admin, 'revoke API keys');
    const keyId = parseId('id', id);
    return this.db.transaction(async (em) => {
      const [before] = await em.query<KeyRow[]>(`${LIST_API_KEYS} WHERE k.id = $1 FOR UPDATE OF k`, [keyId]);
      if (!before) throw notFound('ApiKey', keyId);
      await em.query(REVOKE_API_KEY, [keyId]);
      const [after] = await em.query<KeyRow[]>(`${LIST_API_KEYS} WHERE k.id = $1`, [keyId]);
      await recordAudit(em, admin, 'api_key.revoked', 'api_key', keyId, toKey(before), toKey(after));
      return toKey(after);
    });
  }

  private async setChains(em: EntityManager, userId: number, chainIds: number[]) {
    await em.query(SET_USER_CHAINS_DELETE, [userId]);
    if (chainIds.length) await em.query(SET_USER_CHAINS_INSERT, [userId, chainIds]);
  }

  private async one(id: number): Promise<UserAccount> {
    const [row] = await this.db.query<UserRow[]>(`${LIST_USERS} WHERE u.id = $1`, [id]);
    if (!row) throw notFound('User', id);
    return toAccount(row);
  }

  private async oneIn(em: EntityManager, id: number, lock = false): Promise<UserAccount> {
    const [row] = await em.query<UserRow[]>(`${LIST_USERS} WHERE u.id = $1${lock ? ' FOR UPDATE OF u' : ''}`, [id]);
    if (!row) throw notFound('User', id);
    return toAccount(row);
  }
}
