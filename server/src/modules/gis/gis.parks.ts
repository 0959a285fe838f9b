// Park boundaries in from the same land data files as parcels: each feature names a park (our id or its unique name),
// its outline replaces the park's boundary. Same reading, reprojection (PostGIS) and checks as the parcel import.
import type { Geometry } from 'geojson';
import type { DataSource } from 'typeorm';
import { recordAudit } from '../../common/audit';
import { M2_PER_MU } from '../../common/numeric';
import type { AuthUser } from '../../auth/auth-user';
import { assertCanEditLand } from '../../auth/policy';
import type { CrsGuess } from './gis.crs';
import { resolveParkMapping, type ParkFieldMapping } from './gis.fields';
import { checkGeometries, chosenCrs, crsAccepted, ringsOk, type ImportOptions, type ImportProblem, type ProblemCode } from './gis.import';
import { readLandFile, type RawFeature } from './gis.read';
import { MOVED_PARK_BOUNDARIES, PARK_BOUNDARY_FOR_UPDATE, PARKS_FOR_IMPORT, UPDATE_PARK_BOUNDARY } from './gis.sql';

export type ParkImportOptions = Omit<ImportOptions, 'parkId' | 'mapping'> & { mapping?: ParkFieldMapping };

export interface ImportedParkBoundary {
  feature: number;
  /** The park as the file names it (name, or id when only an id column is there). */
  code: string | null;
  parkId: number | null;
  action: 'update' | 'unchanged' | 'skip';
  areaMu: number | null;
  geometry: Geometry | null;
}

export interface ParkImportReport {
  dryRun: boolean;
  format: string;
  crs: CrsGuess | null;
  encoding: string | null;
  mapping: ParkFieldMapping;
  features: ImportedParkBoundary[];
  problems: ImportProblem[];
  summary: { total: number; valid: number; invalid: number; imported: number; skipped: number; updated: number; unchanged: number; written: boolean };
}

interface Candidate { raw: RawFeature; code: string | null; parkId: number | null; geojson: string | null; areaM2: number | null }

/**
 * Imports park boundaries: every feature is matched to an existing park (by the id column, else by name; a park is
 * never created here), checked like a parcel outline, and — unless a dry run — all valid boundaries are written in one
 * transaction with their audit rows, or none when any feature has a problem (unless skipInvalid). The same file twice
 * changes nothing.
 */
export async function importParkBoundaries(db: DataSource, user: AuthUser, fileName: string, bytes: Buffer, opts: ParkImportOptions = {}): Promise<ParkImportReport> {
  assertCanEditLand(user);
  const read = await readLandFile(fileName, bytes, opts.siblings);
  const problems: ImportProblem[] = read.problems.map((message) => ({ feature: 0, code: null, field: null, problem: 'FILE', message }));
  const crs = chosenCrs(read.crs, opts);
  const mapping = resolveParkMapping(read.columns, opts.mapping);
  const report = (features: ImportedParkBoundary[], written: boolean, counts = { updated: 0, unchanged: 0 }): ParkImportReport => {
    const invalid = problems.some((p) => p.feature === 0) ? read.features.length : new Set(problems.filter((p) => p.feature > 0).map((p) => p.feature)).size;
    const imported = written ? counts.updated + counts.unchanged : 0;
    return {
      dryRun: !!opts.dryRun, format: read.format, crs, encoding: read.encoding, mapping, features, problems,
      summary: { total: read.features.length, valid: read.features.length - invalid, invalid, imported, skipped: read.features.length - imported, ...counts, written },
    };
  };
  if (problems.length && read.features.length === 0) return report([], false);
  if (!crsAccepted(crs, opts, problems)) return report([], false);
  if (!mapping.parkId && !mapping.parkName) {
    problems.push({ feature: 0, code: null, field: 'park', problem: 'UNKNOWN_PARK', message: `no park column (looked for YQMC, 园区名称, NAME, PARK_ID…; columns: ${read.columns.join(', ')}); map one with the field mapping` });
    return report([], false);
  }

  const add = (f: RawFeature, code: string | null, field: string | null, problem: ProblemCode, message: string) =>
    problems.push({ feature: f.index, code, field, problem, message });
  const parks: { id: number; name: string }[] = await db.query(PARKS_FOR_IMPORT);
  const byName = new Map(parks.map((p) => [p.name, p.id]));
  const byId = new Set(parks.map((p) => p.id));
  const seen = new Map<number, number>();
  const candidates: Candidate[] = read.features.map((f) => {
    for (const [col, v] of Object.entries(f.properties)) {
      if (typeof v === 'string' && v.includes('\uFFFD')) add(f, null, col, 'UNREADABLE_ENCODING', `column ${col} holds characters that do not decode in ${read.encoding}; save the table as UTF-8 or GBK (and add a .cpg)`);
    }
    const name = mapping.parkName ? String(f.properties[mapping.parkName] ?? '').trim() || null : null;
    const rawId = mapping.parkId ? String(f.properties[mapping.parkId] ?? '').trim() : '';
    const code = name ?? (rawId || null);
    let parkId: number | null = null;
    if (rawId) {
      const n = Number(rawId);
      if (Number.isSafeInteger(n) && byId.has(n)) parkId = n;
      else add(f, code, mapping.parkId!, 'UNKNOWN_PARK', `park id "${rawId}" does not exist`);
      if (parkId !== null && name && byName.get(name) !== parkId) {
        add(f, code, mapping.parkName!, 'UNKNOWN_PARK', `park id ${parkId} is not named "${name}"`);
        parkId = null;
      }
    } else if (name) {
      parkId = byName.get(name) ?? null;
      if (parkId === null) add(f, code, mapping.parkName!, 'UNKNOWN_PARK', `park "${name}" does not exist (boundaries are imported for existing parks only; names must match exactly)`);
    } else {
      add(f, null, mapping.parkName ?? mapping.parkId!, 'MISSING_CODE', `feature ${f.index} names no park`);
    }
    if (parkId !== null) {
      if (seen.has(parkId)) add(f, code, mapping.parkName ?? mapping.parkId!, 'DUPLICATE_CODE', `park ${code} appears again (first at feature ${seen.get(parkId)})`);
      else seen.set(parkId, f.index);
    }
    if (!f.geometry && !f.wkbHex) add(f, code, 'geometry', 'INVALID_GEOMETRY', 'the feature has no geometry');
    else if (f.geometry && f.geometry.type !== 'Polygon' && f.geometry.type !== 'MultiPolygon') add(f, code, 'geometry', 'NOT_A_POLYGON', `a park boundary must be a polygon, not a ${f.geometry.type}`);
    else if (f.geometry && !ringsOk(f.geometry)) add(f, code, 'geometry', 'INVALID_GEOMETRY', 'a ring has fewer than four points, is not closed, or holds a non-number');
    return { raw: f, code, parkId, geojson: null, areaM2: null };
  });

  const badGeometry = new Set(problems.filter((p) => p.field === 'geometry').map((p) => p.feature));
  const toCheck = candidates.filter((c) => !badGeometry.has(c.raw.index));
  if (toCheck.length) {
    const byIndex = await checkGeometries(db, toCheck.map((c) => c.raw), crs.srid, !!opts.gcj02);
    for (const c of toCheck) {
      const r = byIndex.get(c.raw.index)!;
      if (!/POLYGON/i.test(r.gtype)) add(c.raw, c.code, 'geometry', 'NOT_A_POLYGON', `a park boundary must be a polygon, not a ${r.gtype}`);
      else if (!r.ok) add(c.raw, c.code, 'geometry', /self-intersection|ring self/i.test(r.reason) ? 'SELF_INTERSECTING' : 'INVALID_GEOMETRY', `invalid outline: ${r.reason}`);
      else if (!r.in_city) add(c.raw, c.code, 'geometry', 'OUTSIDE_CITY', `the park lies (partly) outside the city; check the coordinate system${crs.srid === 4326 ? ' (GCJ-02 data needs the GCJ-02 option)' : ''}`);
      c.geojson = r.geojson;
      c.areaM2 = r.area_m2;
    }
  }

  const refused = new Set(problems.map((p) => p.feature));
  const good = candidates.filter((c) => !refused.has(c.raw.index));
  const mayWrite = !opts.dryRun && !refused.has(0) && (refused.size === 0 || opts.skipInvalid);
  const features = (actions: Map<number, 'update' | 'unchanged'>): ImportedParkBoundary[] => candidates.map((c) => ({
    feature: c.raw.index, code: c.code, parkId: c.parkId,
    action: refused.has(c.raw.index) ? 'skip' : actions.get(c.parkId!) ?? 'update',
    areaMu: c.areaM2 === null ? null : c.areaM2 / M2_PER_MU, geometry: c.geojson ? JSON.parse(c.geojson) : null,
  }));

  return db.transaction(async (em) => {
    const actions = new Map<number, 'update' | 'unchanged'>();
    const moved: { id: number; moved: boolean }[] = good.length
      ? await em.query(MOVED_PARK_BOUNDARIES, [JSON.stringify(good.map((c) => ({ id: c.parkId, geojson: c.geojson })))]) : [];
    for (const m of moved) actions.set(m.id, m.moved ? 'update' : 'unchanged');
    if (!mayWrite) return report(features(actions), false);
    const counts = { updated: 0, unchanged: 0 };
    for (const c of good) {
      const [before]: { geojson: string }[] = await em.query(PARK_BOUNDARY_FOR_UPDATE, [c.parkId]);
      const written: { id: number }[] = await em.query(UPDATE_PARK_BOUNDARY, [c.parkId, c.geojson]);
      if (written.length) {
        counts.updated++;
        actions.set(c.parkId!, 'update');
        await recordAudit(em, user, 'import-boundary', 'park', c.parkId!, { boundary: JSON.parse(before.geojson) }, { boundary: JSON.parse(c.geojson!), file: fileName, feature: c.raw.index });
      } else {
        counts.unchanged++;
        actions.set(c.parkId!, 'unchanged');
      }
    }
    return report(features(actions), true, counts);
  });
}
