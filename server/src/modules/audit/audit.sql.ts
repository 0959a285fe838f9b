// Filter clauses (t: the listed table), each with its $n placeholders passed in from SqlBuilder.param.
/** Entries written by one account. */
export const AUDIT_BY_ACTOR = (p: string) => `t.actor_id = ${p}`;
/** Entries about one kind of record. */
export const AUDIT_OF_ENTITY = (p: string) => `t.entity = ${p}`;
/** Entries about one record (id as text). */
export const AUDIT_OF_ENTITY_ID = (p: string) => `t.entity_id = ${p}`;
/** Entries by an actor name. */
export const AUDIT_BY_ACTOR_NAME = (p: string) => `t.actor_name = ${p}`;
/** Entries of one action. */
export const AUDIT_WITH_ACTION = (p: string) => `t.action = ${p}`;
