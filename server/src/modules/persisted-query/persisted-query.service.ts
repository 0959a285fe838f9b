import { createHash } from 'node:crypto';
import { parse } from 'graphql';
import type { DataSource } from 'typeorm';
import { recordAudit } from '../../common/audit';
import { AtlasError, ErrorCode, forbidden, invalid, notFound } from '../../common/errors';
import { Role, type AuthUser } from '../../auth/auth-user';
import type { ApiKeyQueryPolicy, PersistedQuery } from './persisted-query.entity';
import {
  API_KEY_ACCOUNT_EXISTS, DELETE_PERSISTED_QUERY, DOCUMENT_BY_HASH, KEY_IS_PERSISTED_ONLY, KEY_POLICY, LIST_PERSISTED_QUERIES,
  UPSERT_KEY_POLICY, UPSERT_PERSISTED_QUERY,
} from './persisted-query.sql';

export const sha256Hex = (text: string) => createHash('sha256').update(text).digest('hex');
const HASH = /^[0-9a-f]{64}$/;

interface Row { sha256: string; document: string; name: string | null; registered_by: number | null; registered_at: Date }
const toQuery = (r: Row): PersistedQuery => ({
  sha256: r.sha256, document: r.document, name: r.name, registeredBy: r.registered_by == null ? null : String(r.registered_by), registeredAt: r.registered_at,
});

function assertAdmin(user: AuthUser, what: string): void {
  if (user.role !== Role.ADMIN) throw forbidden(`${what} (admin only)`);
}

/** The persisted-query allow-list and the keys restricted to it; kept in PostgreSQL so every API process shares it. */
export class PersistedQueryService {
  constructor(private readonly db: DataSource) {}

  /** The registered document for a hash, or null. */
  async document(sha256: string): Promise<string | null> {
    if (!HASH.test(sha256)) return null;
    const [row] = await this.db.query(DOCUMENT_BY_HASH, [sha256]);
    return row?.document ?? null;
  }

  /** True when the API key (plain text, as sent) is restricted to registered documents. */
  async keyIsPersistedOnly(apiKey: string): Promise<boolean> {
    const [row] = await this.db.query(KEY_IS_PERSISTED_ONLY, [sha256Hex(apiKey)]);
    return row?.persisted_only === true;
  }

  async list(user: AuthUser): Promise<PersistedQuery[]> {
    assertAdmin(user, 'read the persisted-query allow-list');
    return (await this.db.query<Row[]>(LIST_PERSISTED_QUERIES)).map(toQuery);
  }

  async register(user: AuthUser, document: string, name: string | null): Promise<PersistedQuery> {
    assertAdmin(user, 'register persisted queries');
    if (!document?.trim()) throw invalid('document', 'must be a GraphQL document');
    try { parse(document); } catch (e) { throw invalid('document', `does not parse: ${(e as Error).message}`); }
    return this.db.transaction(async (em) => {
      const [row]: Row[] = await em.query(UPSERT_PERSISTED_QUERY, [sha256Hex(document), document, name?.trim() || null, user.id]);
      const after = toQuery(row);
      await recordAudit(em, user, 'register', 'persisted_query', after.sha256, null, after);
      return after;
    });
  }

  async remove(user: AuthUser, sha256: string): Promise<PersistedQuery> {
    assertAdmin(user, 'remove persisted queries');
    if (!HASH.test(sha256)) throw invalid('sha256', 'must be 64 lowercase hex characters');
    return this.db.transaction(async (em) => {
      const [row]: Row[] = await em.query(DELETE_PERSISTED_QUERY, [sha256]);
      if (!row) throw notFound('PersistedQuery', sha256);
      const before = toQuery(row);
      await recordAudit(em, user, 'delete', 'persisted_query', sha256, before, null);
      return before;
    });
  }

  async setKeyPolicy(user: AuthUser, keyName: string, persistedOnly: boolean): Promise<ApiKeyQueryPolicy> {
    assertAdmin(user, 'change API key policies');
    const name = keyName?.trim().toLowerCase();
    const [{ ok }] = await this.db.query(API_KEY_ACCOUNT_EXISTS, [name]);
    if (!ok) throw new AtlasError(ErrorCode.NOT_FOUND, `No API key is named "${keyName}"; use the username of an integrator account that holds a key`, { field: 'keyName' });
    return this.db.transaction(async (em) => {
      const [before] = await em.query(KEY_POLICY, [name]);
      const [row] = await em.query(UPSERT_KEY_POLICY, [name, persistedOnly, user.id]);
      const after = { keyName: row.key_name, persistedOnly: row.persisted_only };
      await recordAudit(em, user, 'update', 'api_key_query_policy', name, before ? { keyName: before.key_name, persistedOnly: before.persisted_only } : null, after);
      return after;
    });
  }
}
