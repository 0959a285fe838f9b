// Factory-building SQL over alias `t` (the factory_building row). Values are always `$n` parameters.

/** Has empty floor space to let (标准化厂房 with vacancy). */
export const HAS_VACANCY = `t.vacant_floor_area_m2 > 0`;
