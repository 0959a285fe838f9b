import type { DataSource } from 'typeorm';
import { forbidden } from '../../common/errors';
import { parseId } from '../../common/filters';
import { listPage } from '../../common/listing';
import type { Page } from '../../common/pagination';
import { SqlBuilder } from '../../common/sql-builder';
import { Role, type AuthUser } from '../../auth/auth-user';
import { AuditEntry } from './audit.entity';
import type { AuditFilter } from './audit.inputs';

/** Reads the audit trail: admins and the bureau (考核办 spot-checks) see every write; others only their own. */
export class AuditService {
  constructor(private readonly db: DataSource) {}

  list(user: AuthUser, filter: AuditFilter | undefined, page: Page, columns?: string[]) {
    if (user.role === Role.INTEGRATOR) throw forbidden('read the audit log');
    const b = new SqlBuilder();
    if (user.role !== Role.ADMIN && user.role !== Role.BUREAU) b.and(`t.actor_id = ${b.param(user.id)}`);
    if (filter?.entity) b.and(`t.entity = ${b.param(filter.entity)}`);
    if (filter?.entityId != null) b.and(`t.entity_id = ${b.param(String(parseId('entityId', filter.entityId)))}`);
    if (filter?.actorName) b.and(`t.actor_name = ${b.param(filter.actorName)}`);
    if (filter?.action) b.and(`t.action = ${b.param(filter.action)}`);
    return listPage(this.db, AuditEntry, 'audit_log', b, page, columns);
  }
}
