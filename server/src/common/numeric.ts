import type { ValueTransformer } from 'typeorm';

/** Postgres `numeric` arrives as a string; the API speaks numbers (amounts stay well inside double precision). */
export const numericTransformer: ValueTransformer = {
  to: (v: number | null | undefined) => v,
  from: (v: string | null) => (v === null || v === undefined ? null : Number(v)),
};

/** Square metres per 亩 (1 mu = 10000/15 m²). */
export const M2_PER_MU = 10000 / 15;
export const m2ToMu = (m2: number) => m2 / M2_PER_MU;
