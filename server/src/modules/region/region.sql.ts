/** The direct children of each region ($1: region ids), in code order. */
export const CHILDREN_OF_REGIONS = 'SELECT id FROM region WHERE parent_id = ANY($1::int[]) ORDER BY code';
