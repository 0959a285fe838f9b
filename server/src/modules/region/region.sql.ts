/** The direct children of each region ($1: region ids), in code order. */
export const CHILDREN_OF_REGIONS = 'SELECT id FROM region WHERE parent_id = ANY($1::int[]) ORDER BY code';

// Filter clauses (t: the listed table), each with its $n placeholders passed in from SqlBuilder.param.
/** Regions of one level. */
export const REGION_AT_LEVEL = (p: string) => `t.level = ${p}`;
/** Code matches a LIKE pattern (a prefix). */
export const REGION_CODE_LIKE = (p: string) => `t.code LIKE ${p}`;
