import type { EntityManager } from 'typeorm';

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
    `INSERT INTO audit_log (actor_id, actor_name, action, entity, entity_id, before, after)
     VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7::jsonb)`,
    [actor.id, actor.username, action, entity, String(entityId), before == null ? null : JSON.stringify(before), after == null ? null : JSON.stringify(after)],
  );
}
