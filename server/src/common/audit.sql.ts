/** One audit-log row ($1 actor id, $2 actor name, $3 action, $4 entity, $5 entity id, $6/$7 before/after as JSON text). */
export const INSERT_AUDIT = `
  INSERT INTO audit_log (actor_id, actor_name, action, entity, entity_id, before, after)
  VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7::jsonb)`;
