import type { EntityManager } from 'typeorm';
import { INSERT_AUDIT } from './audit.sql';

/** Who made a change, as the audit log records it (any signed-in user fits). */
export interface AuditActor {
  id: number;
  username: string;
}

/** Appends one row to the audit log inside the caller's transaction: who, when, what, before and after. */
export async function recordAudit(
  em: EntityManager, actor: AuditActor, action: string, entity: string, entityId: number | string,
  before: unknown, after: unknown,
): Promise<void> {
  await em.query(
    INSERT_AUDIT,
    [actor.id, actor.username, action, entity, String(entityId), before == null ? null : JSON.stringify(before), after == null ? null : JSON.stringify(after)],
  );
}
