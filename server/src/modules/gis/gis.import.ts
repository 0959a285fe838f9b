import type { Geometry, Position } from 'geojson';
import gcoord from 'gcoord';
import type { DataSource } from 'typeorm';
import { recordAudit } from '../../common/audit';
import { M2_PER_MU } from '../../common/numeric';
import type { AuthUser } from '../../auth/auth-user';
import { assertCanEditLand } from '../../auth/policy';
import { ACCEPTED_SRIDS, crsLabel, isGkSrid, type CrsGuess } from './gis.crs';
import { normaliseLandUse, normaliseStatus, readDate, readNumber, resolveMapping, type FieldMapping, type LandUseValue, type SupplyValue } from './gis.fields';
import { readLandFile, type FileSet, type RawFeature } from './gis.read';
import { CHECK_GEOMETRIES, EXISTING_PARCELS, MOVED_OUTLINES, UPSERT_PARCELS, PARK_NAMES, PARK_ID_EXISTS } from './gis.sql';

export type ProblemCode =
  | 'FILE' | 'UNKNOWN_CRS' | 'INVALID_GEOMETRY' | 'SELF_INTERSECTING' | 'NOT_A_POLYGON' | 'MISSING_CODE' | 'DUPLICATE_CODE'
  | 'UNKNOWN_LAND_USE' | 'UNKNOWN_STATUS' | 'INVALID_VALUE' | 'OUTSIDE_CITY' | 'UNREADABLE_ENCODING' | 'UNKNOWN_PARK';

/** One problem, by feature (1-based position in the file, 0 for the file) and field. */
export interface ImportProblem { feature: number; code: string | null; field: string | null; problem: ProblemCode; message: string }

export interface ImportOptions {
  parkId?: number | null;
  dryRun?: boolean;
  skipInvalid?: boolean;
  /** Overrides the CRS the file declares or implies. */
  srid?: number | null;
  /** The coordinates were captured on a GCJ-02 basemap (AMap, Tencent): shift them back to WGS 84. */
  gcj02?: boolean;
  mapping?: FieldMapping;
  /** Extra files beside a .shp given by path (the CLI). */
  siblings?: FileSet;
}

export type ImportAction = 'create' | 'update' | 'unchanged' | 'skip';

export interface ImportedFeature {
  feature: number; code: string | null; action: ImportAction; landUse: string | null; supplyStatus: string | null;
  areaMu: number | null; parkId: number | null; geometry: Geometry | null;
}

export interface ImportReport {
  dryRun: boolean;
  format: string;
  crs: CrsGuess | null;
  encoding: string | null;
  mapping: FieldMapping;
  features: ImportedFeature[];
  problems: ImportProblem[];
  /** imported = written or already identical; skipped = refused features (all of them when nothing was written). */
  summary: { total: number; valid: number; invalid: number; imported: number; skipped: number; created: number; updated: number; unchanged: number; written: boolean };
}

interface Candidate {
  raw: RawFeature; code: string | null; landUse: LandUseValue | null; status: SupplyValue | null; far: number | null; builtFar: number | null;
  price: number | null; suppliedOn: string | null; parkName: string | null; parkId: number | null; geojson: string | null; areaM2: number | null;
}

export const ACCEPTED = (srid: number) => srid === 4326 || srid === 4490 || isGkSrid(srid);

/** The file's coordinate system: the --srid option wins over what the file says. */
export const chosenCrs = (guess: CrsGuess | null, opts: Pick<ImportOptions, 'srid'>): CrsGuess | null =>
  opts.srid ? { srid: opts.srid, source: 'option', label: crsLabel(opts.srid) } : guess;

/** Whether an import accepts the coordinate system; if not, says why as an UNKNOWN_CRS problem. GCJ-02 conversion applies to longitude/latitude only. */
export function crsAccepted(crs: CrsGuess | null, opts: Pick<ImportOptions, 'gcj02'>, problems: ImportProblem[]): crs is CrsGuess {
  if (!crs || !ACCEPTED(crs.srid)) {
    problems.push({
      feature: 0, code: null, field: null, problem: 'UNKNOWN_CRS',
      message: crs ? `${crs.label} is not accepted; expected ${ACCEPTED_SRIDS}` : `the coordinate system is unknown (no .prj, or one without the parameters); give the SRID, e.g. --srid 4527; accepted: ${ACCEPTED_SRIDS}`,
    });
    return false;
  }
  if (opts.gcj02 && crs.srid !== 4326 && crs.srid !== 4490) {
    problems.push({ feature: 0, code: null, field: null, problem: 'UNKNOWN_CRS', message: 'GCJ-02 conversion applies to longitude/latitude data only, not to Gauss-Krüger coordinates' });
    return false;
  }
  return true;
}

/** What PostGIS says of one feature's geometry (CHECK_GEOMETRIES): type, validity, WGS 84 GeoJSON, area, inside the city, park. */
export interface GeometryCheck { i: number; gtype: string; ok: boolean; reason: string; geojson: string | null; area_m2: number | null; in_city: boolean | null; park_id: number | null }

/** Checks and reprojects the features' geometries in PostGIS from `srid` (GCJ-02 input converted first), keyed by feature index. */
export async function checkGeometries(db: DataSource, features: RawFeature[], srid: number, gcj02: boolean): Promise<Map<number, GeometryCheck>> {
  const rows = await db.query<GeometryCheck[]>(CHECK_GEOMETRIES, [JSON.stringify(features.map((f) => ({
    i: f.index,
    gj: f.geometry ? JSON.stringify(gcj02 ? gcoord.transform(f.geometry as never, gcoord.GCJ02, gcoord.WGS84) : f.geometry) : null,
    wkb: f.geometry ? null : f.wkbHex,
  }))), srid]);
  return new Map(rows.map((r) => [r.i, r]));
}

export function ringsOk(g: Geometry): boolean {
  const ring = (r: Position[]) => r.length >= 4 && r.every((p) => p.length >= 2 && Number.isFinite(p[0]) && Number.isFinite(p[1]))
    && r[0][0] === r[r.length - 1][0] && r[0][1] === r[r.length - 1][1];
  if (g.type === 'Polygon') return g.coordinates.length > 0 && g.coordinates.every(ring);
  if (g.type === 'MultiPolygon') return g.coordinates.length > 0 && g.coordinates.every((p) => p.length > 0 && p.every(ring));
  return false;
}

/**
 * Imports parcels from a land data file: reads, reprojects (PostGIS), checks every feature and field, and — unless a
 * dry run — writes all valid features in one transaction with their audit rows, or none when any feature has a problem
 * (unless skipInvalid). Parcels are matched by code, so the same file twice changes nothing.
 */
export async function importParcels(db: DataSource, user: AuthUser, fileName: string, bytes: Buffer, opts: ImportOptions = {}): Promise<ImportReport> {
  assertCanEditLand(user);
  const read = await readLandFile(fileName, bytes, opts.siblings);
  const problems: ImportProblem[] = read.problems.map((message) => ({ feature: 0, code: null, field: null, problem: 'FILE', message }));
  const crs = chosenCrs(read.crs, opts);
  const mapping = resolveMapping(read.columns, opts.mapping);
  const report = (features: ImportedFeature[], written: boolean, counts = { created: 0, updated: 0, unchanged: 0 }): ImportReport => {
    const invalid = problems.some((p) => p.feature === 0) ? read.features.length : new Set(problems.filter((p) => p.feature > 0).map((p) => p.feature)).size;
    const imported = written ? counts.created + counts.updated + counts.unchanged : 0;
    return {
      dryRun: !!opts.dryRun, format: read.format, crs, encoding: read.encoding, mapping, features, problems,
      summary: { total: read.features.length, valid: read.features.length - invalid, invalid, imported, skipped: read.features.length - imported, ...counts, written },
    };
  };
  if (problems.length && read.features.length === 0) return report([], false);
  if (!crsAccepted(crs, opts, problems)) return report([], false);
  if (!mapping.code) problems.push({ feature: 0, code: null, field: 'code', problem: 'MISSING_CODE', message: `no parcel-code column (looked for DKBH, ZDBH, CODE, 地块编号…; columns: ${read.columns.join(', ')}); map one with the field mapping` });
  if (!mapping.landUse) problems.push({ feature: 0, code: null, field: 'landUse', problem: 'UNKNOWN_LAND_USE', message: `no land-use column (looked for YDXZ, DLMC, 用地性质…; columns: ${read.columns.join(', ')}); map one with the field mapping` });
  if (!mapping.code || !mapping.landUse) return report([], false);

  // Attributes, feature by feature.
  const add = (f: RawFeature, code: string | null, field: string | null, problem: ProblemCode, message: string) =>
    problems.push({ feature: f.index, code, field, problem, message });
  const seen = new Map<string, number>();
  const parks: { id: number; name: string }[] = await db.query(PARK_NAMES);
  const candidates: Candidate[] = read.features.map((f) => {
    const get = (k: keyof FieldMapping) => (mapping[k] ? f.properties[mapping[k]] : undefined);
    for (const [col, v] of Object.entries(f.properties)) {
      if (typeof v === 'string' && v.includes('\uFFFD')) add(f, null, col, 'UNREADABLE_ENCODING', `column ${col} holds characters that do not decode in ${read.encoding}; save the table as UTF-8 or GBK (and add a .cpg)`);
    }
    const code = String(get('code') ?? '').trim() || null;
    if (!code) add(f, null, mapping.code!, 'MISSING_CODE', `feature ${f.index} has no parcel code in ${mapping.code}`);
    else if (seen.has(code)) add(f, code, mapping.code!, 'DUPLICATE_CODE', `code ${code} appears again (first at feature ${seen.get(code)})`);
    else seen.set(code, f.index);
    const rawUse = get('landUse');
    const landUse = normaliseLandUse(rawUse);
    if (!landUse) add(f, code, mapping.landUse!, 'UNKNOWN_LAND_USE', `land use "${String(rawUse ?? '')}" is not a known class (M1/M2/M3/W/B/R/A/G, GB/T 21010 codes or their Chinese names)`);
    const rawStatus = get('supplyStatus');
    const status = rawStatus === undefined || rawStatus === null || String(rawStatus).trim() === '' ? 'available' : normaliseStatus(rawStatus);
    if (!status) add(f, code, mapping.supplyStatus!, 'UNKNOWN_STATUS', `supply status "${String(rawStatus)}" is not known (储备/可供/已供/在建/建成/闲置)`);
    const numberOf = (k: 'floorAreaRatio' | 'builtFar' | 'landPrice', max: number): number | null => {
      const v = readNumber(get(k));
      if (v === null) return null;
      if (!Number.isFinite(v) || v < 0 || v > max) {
        add(f, code, mapping[k]!, 'INVALID_VALUE', `${mapping[k]} "${String(get(k))}" must be a number from 0 to ${max}`);
        return null;
      }
      return v;
    };
    const far = numberOf('floorAreaRatio', 999.99);
    const builtFar = numberOf('builtFar', 999.99);
    const price = numberOf('landPrice', 1e12);
    const date = readDate(get('suppliedOn'));
    if (date === undefined) add(f, code, mapping.suppliedOn!, 'INVALID_VALUE', `${mapping.suppliedOn} "${String(get('suppliedOn'))}" is not a date (YYYY-MM-DD)`);
    const parkName = mapping.parkName ? String(get('parkName') ?? '').trim() || null : null;
    let parkId: number | null = null;
    if (parkName && !opts.parkId) {
      parkId = parks.find((p) => p.name === parkName)?.id ?? null;
      if (parkId === null) add(f, code, mapping.parkName!, 'UNKNOWN_PARK', `park "${parkName}" does not exist; fix the name or import with --park`);
    }
    if (!f.geometry && !f.wkbHex) add(f, code, 'geometry', 'INVALID_GEOMETRY', 'the feature has no geometry');
    else if (f.geometry && f.geometry.type !== 'Polygon' && f.geometry.type !== 'MultiPolygon') add(f, code, 'geometry', 'NOT_A_POLYGON', `a parcel must be a polygon, not a ${f.geometry.type}`);
    else if (f.geometry && !ringsOk(f.geometry)) add(f, code, 'geometry', 'INVALID_GEOMETRY', 'a ring has fewer than four points, is not closed, or holds a non-number');
    return { raw: f, code, landUse, status, far, builtFar, price, suppliedOn: date ?? null, parkName, parkId, geojson: null, areaM2: null };
  });

  // Geometry, in PostGIS: validity in the source CRS, reprojection to WGS 84, inside the city, which park.
  const badGeometry = new Set(problems.filter((p) => p.field === 'geometry').map((p) => p.feature));
  const toCheck = candidates.filter((c) => !badGeometry.has(c.raw.index));
  if (toCheck.length) {
    const byIndex = await checkGeometries(db, toCheck.map((c) => c.raw), crs.srid, !!opts.gcj02);
    for (const c of toCheck) {
      const r = byIndex.get(c.raw.index)!;
      if (!/POLYGON/i.test(r.gtype)) add(c.raw, c.code, 'geometry', 'NOT_A_POLYGON', `a parcel must be a polygon, not a ${r.gtype}`);
      else if (!r.ok) add(c.raw, c.code, 'geometry', /self-intersection|ring self/i.test(r.reason) ? 'SELF_INTERSECTING' : 'INVALID_GEOMETRY', `invalid outline: ${r.reason}`);
      else if (!r.in_city) add(c.raw, c.code, 'geometry', 'OUTSIDE_CITY', `the parcel lies (partly) outside the city; check the coordinate system${crs.srid === 4326 ? ' (GCJ-02 data needs the GCJ-02 option)' : ''}`);
      c.geojson = r.geojson;
      c.areaM2 = r.area_m2;
      if (!c.parkId) c.parkId = opts.parkId ?? r.park_id;
    }
  }
  if (opts.parkId) {
    const [p] = await db.query(PARK_ID_EXISTS, [opts.parkId]);
    if (!p) problems.push({ feature: 0, code: null, field: 'park', problem: 'UNKNOWN_PARK', message: `park ${opts.parkId} does not exist` });
    for (const c of candidates) c.parkId = opts.parkId;
  }

  const refused = new Set(problems.map((p) => p.feature));
  const fileLevel = refused.has(0);
  const good = candidates.filter((c) => !refused.has(c.raw.index));
  const mayWrite = !opts.dryRun && !fileLevel && (refused.size === 0 || opts.skipInvalid);
  const features = (actions: Map<string, ImportAction>): ImportedFeature[] => candidates.map((c) => ({
    feature: c.raw.index, code: c.code, action: refused.has(c.raw.index) ? 'skip' : actions.get(c.code!) ?? 'create',
    landUse: c.landUse, supplyStatus: c.status, areaMu: c.areaM2 === null ? null : c.areaM2 / M2_PER_MU, parkId: c.parkId,
    geometry: c.geojson ? JSON.parse(c.geojson) : null,
  }));

  return db.transaction(async (em) => {
    const existing: { id: number; code: string; park_id: number | null; land_use: string; supply_status: string; far: number | null; built_far: number | null; land_price: number | null; supplied_on: string | null; geojson: string }[] =
      await em.query(EXISTING_PARCELS, [good.map((c) => c.code)]);
    const before = new Map(existing.map((e) => [e.code, e]));
    const rows = good.map((c) => ({
      code: c.code, park_id: c.parkId, geojson: c.geojson, land_use: c.landUse, supply_status: c.status,
      far: c.far, built_far: c.builtFar, land_price: c.price, supplied_on: c.suppliedOn,
    }));
    // What would change: compared after rounding the way the columns store values.
    const r2 = (v: number | null) => (v === null ? null : Math.round(v * 100) / 100);
    const actions = new Map<string, ImportAction>();
    const moved = new Map<string, boolean>(
      (rows.length ? await em.query(MOVED_OUTLINES, [JSON.stringify(rows.map((r) => ({ code: r.code, geojson: r.geojson })))]) : [])
        .map((m: { code: string; moved: boolean }) => [m.code, m.moved]));
    for (const row of rows) {
      const e = before.get(row.code!);
      if (!e) { actions.set(row.code!, 'create'); continue; }
      const same = e.park_id === row.park_id && e.land_use === row.land_use && e.supply_status === row.supply_status && r2(e.far) === r2(row.far)
        && r2(e.built_far) === r2(row.built_far) && r2(e.land_price) === r2(row.land_price) && (e.supplied_on ?? null) === row.supplied_on
        && moved.get(row.code!) === false;
      actions.set(row.code!, same ? 'unchanged' : 'update');
    }
    if (!mayWrite) return report(features(actions), false);
    const written: { id: number; code: string; created: boolean }[] = rows.length ? await em.query(UPSERT_PARCELS, [JSON.stringify(rows)]) : [];
    const counts = { created: 0, updated: 0, unchanged: 0 };
    const touched = new Set(written.map((w) => w.code));
    for (const w of written) {
      actions.set(w.code, w.created ? 'create' : 'update');
      const row = rows.find((r) => r.code === w.code)!;
      const { geojson: _g, ...after } = row;
      const old = before.get(w.code);
      await recordAudit(em, user, w.created ? 'import' : 'import-update', 'parcel', w.id, old ? { ...old, geojson: undefined } : null, { ...after, file: fileName });
      if (w.created) counts.created++; else counts.updated++;
    }
    for (const row of rows) if (!touched.has(row.code!)) { actions.set(row.code!, 'unchanged'); counts.unchanged++; }
    return report(features(actions), true, counts);
  });
}
