// Factory-building SQL over alias `t` (the factory_building row). Values are always `$n` parameters.

/** Has empty floor space to let (标准化厂房 with vacancy). */
export const HAS_VACANCY = `t.vacant_floor_area_m2 > 0`;

// Filter clauses (t: the listed table), each with its $n placeholders passed in from SqlBuilder.param.
/** Buildings of one park. */
export const BUILDING_IN_PARK = (p: string) => `t.park_id = ${p}`;
/** Buildings with no vacant floor area. */
export const NO_VACANCY = `NOT ${HAS_VACANCY}`;
