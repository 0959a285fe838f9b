// Assessment-unit SQL over alias `t` (the assessment_unit row). Values are always `$n` parameters.

/** Case-insensitive substring of the unit's name or code ($n: the ILIKE pattern). */
export const UNIT_TEXT_MATCH = (pattern: string) => `(t.name ILIKE ${pattern} OR t.code ILIKE ${pattern})`;

// Filter clauses (t: the listed table), each with its $n placeholders passed in from SqlBuilder.param.
/** Units of one kind. */
export const UNIT_OF_KIND = (p: string) => `t.kind = ${p}::unit_kind`;
