/**
 * Deterministic synthetic demo city around 商丘 (Shangqiu, Henan). Everything is invented and flagged
 * as such (enterprise.synthetic); the same seed and scale always produce the same rows, on PostgreSQL
 * and on PGlite alike (only values PostGIS computes itself, such as parcel.area_m2, may differ in the
 * last digits between PostGIS versions), independent of the clock.
 *
 * `scale` multiplies parcels, factory buildings, enterprises, targets and projects. Regions, parks (15),
 * chains (4), assessment units (14) and the annual targets stay fixed, so at large scales parcels get
 * smaller and units overshoot their targets about `scale` times. Below scale 1 the chain picture thins
 * out (fewer local firms than the strong nodes need).
 */
import type { Sql } from '../sql';
import { insertChains, planChains } from './chains';
import { fixSequences } from './db';
import { insertEnterprises, planEnterprises } from './enterprises';
import { insertParks, insertRegions } from './geography';
import { insertFactoryBuildings, insertParcels, linkParcelProjects, planFactoryBuildings, planParcels } from './land';
import { NameBook } from './names';
import { insertLandPerformance, planLandPerformance } from './performance';
import { insertAnnualTargets, insertPeople, planAnnualTargets, planUnits } from './people';
import { insertProjects, planProjects } from './projects';
import { day, Rng } from './random';
import { insertTargets, planTargets } from './targets';
import { demoPasswordHash, insertUsers, planUsers } from './users';

export interface SeedOptions {
  seed?: number;
  scale?: number;
  onProgress?: (step: string, done: number, total: number) => void;
}

/** Row counts per table after seeding. */
export type SeedSummary = Record<string, number>;

export const DEMO_PASSWORD = 'atlas2026';
export const DEMO_API_KEY = 'demo-integrator-key-2026';
/** "Today" of the demo data: every date is on or before it, so the output never depends on the clock. */
export const DEMO_REFERENCE_DATE = '2026-11-15';
export const DEFAULT_SEED = 2026;

const STEPS = ['regions', 'parks', 'parcels', 'people', 'chains', 'enterprises', 'targets', 'projects', 'users', 'sequences'] as const;

const TABLES = [
  'region', 'park', 'parcel', 'factory_building', 'official', 'assessment_unit', 'annual_target', 'enterprise',
  'enterprise_relation', 'chain', 'chain_node', 'chain_owner', 'enterprise_chain_node', 'target_enterprise', 'target_activity',
  'project', 'project_stage_event', 'fund_arrival', 'project_milestone', 'app_user', 'user_chain', 'api_key',
  'enterprise_land_performance',
] as const;
const SERIAL_TABLES = [
  'region', 'park', 'parcel', 'factory_building', 'official', 'assessment_unit', 'enterprise', 'chain', 'chain_node',
  'target_enterprise', 'target_activity', 'project', 'project_stage_event', 'fund_arrival', 'project_milestone', 'app_user', 'api_key',
];

/** Seeds a freshly migrated, empty database in one transaction; throws (and rolls back) on any problem. */
export async function seedDemo(sql: Sql, opts: SeedOptions = {}): Promise<SeedSummary> {
  const seed = Math.floor(opts.seed ?? DEFAULT_SEED);
  const scale = opts.scale ?? 1;
  if (!Number.isFinite(seed)) throw new Error('seed must be a finite number');
  if (!(scale > 0) || !Number.isFinite(scale)) throw new Error('scale must be a positive number');
  const progress = (step: (typeof STEPS)[number]) => opts.onProgress?.(step, STEPS.indexOf(step) + 1, STEPS.length);

  const existing = await sql.query<{ n: number }>(
    'SELECT ((SELECT count(*) FROM region) + (SELECT count(*) FROM enterprise) + (SELECT count(*) FROM project) + (SELECT count(*) FROM app_user))::int AS n',
  );
  if (existing[0].n > 0) throw new Error('seedDemo needs an empty, freshly migrated database (found existing regions, enterprises, projects or users)');

  const root = new Rng(seed);
  const reference = day(DEMO_REFERENCE_DATE);
  const book = new NameBook();
  await sql.exec('BEGIN');
  try {
    const regions = await insertRegions(sql);
    progress('regions');
    const parks = await insertParks(sql, root.fork('parks'), regions);
    progress('parks');
    const parcels = await planParcels(sql, root.fork('parcels'), parks, regions, Math.round(600 * scale));
    const buildings = planFactoryBuildings(root.fork('buildings'), parcels, parks, Math.round(40 * scale));
    progress('parcels');
    const units = planUnits(regions);
    const annualTargets = planAnnualTargets(root.fork('annual-targets'), units, regions);
    await insertPeople(sql, units);
    await insertAnnualTargets(sql, annualTargets);
    progress('people');
    const chains = planChains();
    await insertChains(sql, chains);
    progress('chains');
    const world = planEnterprises({ rng: root.fork('enterprises'), book, regions, parks, parcels, chains, scale });
    await insertEnterprises(sql, world);
    await insertLandPerformance(sql, planLandPerformance(root.fork('land-performance'), world.local));
    progress('enterprises');
    const targets = planTargets(root.fork('targets'), chains, world.outside, scale, reference);
    const projects = planProjects({
      rng: root.fork('projects'), book, scale, reference, regions, parks, parcels, buildings, chains, units,
      local: world.local, outside: world.outside, targets, annualTargets,
    });
    // Projects may have rewritten a target's history, so targets go in only now.
    await insertTargets(sql, targets);
    progress('targets');
    // Parcels carry the statuses projects gave them; their project_id follows once projects exist.
    await insertParcels(sql, parcels);
    await insertFactoryBuildings(sql, buildings);
    await insertProjects(sql, projects, root.fork('project-rows'));
    await linkParcelProjects(sql, parcels);
    progress('projects');
    const soybean = chains.find((c) => c.code === 'soybean')!;
    const nev = chains.find((c) => c.code === 'nev_parts')!;
    const users = planUsers(units, soybean.leader, [soybean.id, nev.id]);
    await insertUsers(sql, users, demoPasswordHash(DEMO_PASSWORD, root.fork('password')), DEMO_PASSWORD, DEMO_API_KEY);
    progress('users');
    await fixSequences(sql, SERIAL_TABLES);
    progress('sequences');
    await sql.exec('COMMIT');
  } catch (err) {
    await sql.exec('ROLLBACK');
    throw err;
  }
  return countRows(sql);
}

export async function countRows(sql: Sql): Promise<SeedSummary> {
  const rows = await sql.query<Record<string, number>>(
    `SELECT ${TABLES.map((t) => `(SELECT count(*) FROM ${t})::int AS ${t}`).join(', ')}`,
  );
  return Object.fromEntries(TABLES.map((t) => [t, Number(rows[0][t])]));
}
