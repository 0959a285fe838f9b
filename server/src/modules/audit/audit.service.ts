import type { DataSource } from 'typeorm';
import { forbidden } from '../../common/errors';
import { parseId } from '../../common/filters';
import { listPage } from '../../common/listing';
import type { Page } from '../../common/pagination';
import { SqlBuilder } from '../../common/sql-builder';
import { Role, type AuthUser } from '../../auth/auth-user';
import { AuditEntry } from './audit.entity';
import type { AuditFilter } from './audit.inputs';
import { AUDIT_BY_ACTOR, AUDIT_BY_ACTOR_NAME, AUDIT_OF_ENTITY, AUDIT_OF_ENTITY_ID, AUDIT_WITH_ACTION } from './audit.sql';

/** Reads the audit trail: admins and the bureau (考核办 spot-checks) see every write; others only their own. */
export class AuditService {
  constructor(private readonly db: DataSource) {}

  list(user: AuthUser, filter: AuditFilter | undefined, page: Page, columns?: string[]) {
    if (user.role === Role.INTEGRATOR) throw forbidden('read the audit log');
    const b = new SqlBuilder();
    if (user.role !== Role.ADMIN && user.role !== Role.BUREAU) b.and(AUDIT_BY_ACTOR(b.param(user.id)));
    if (filter?.entity) b.and(AUDIT_OF_ENTITY(b.param(filter.entity)));
    if (filter?.entityId != null) b.and(AUDIT_OF_ENTITY_ID(b.param(String(parseId('entityId', filter.entityId)))));
    if (filter?.actorName) b.and(AUDIT_BY_ACTOR_NAME(b.param(filter.actorName)));
    if (filter?.action) b.and(AUDIT_WITH_ACTION(b.param(filter.action)));
    return listPage(this.db, AuditEntry, 'audit_log', b, page, columns);
  }
}
