// Filter clauses (t: the listed table), each with its $n placeholders passed in from SqlBuilder.param.
/** Name, title or department matches a LIKE pattern. */
export const OFFICIAL_TEXT_MATCH = (p: string) => `t.name ILIKE ${p} OR t.title ILIKE ${p} OR coalesce(t.department, '') ILIKE ${p}`;
