import type { Sql } from '../sql';
import { day, type Rng } from './random';

export type Lonlat = readonly [number, number];

export interface RegionInfo {
  id: number;
  code: string;
  name: string;
  /** Short form used in invented enterprise names, e.g. 民权 / 商丘. */
  short: string;
  seat: Lonlat;
  /** A county or county-level city (the placement rule's "located in a county"). */
  county: boolean;
}

export const PROVINCE_ID = 1;
export const CITY_ID = 2;

interface DistrictSpec { code: string; name: string; short: string; seat: Lonlat; county: boolean }

// Real GB/T 2260 codes and approximate seats; 示范区 is a functional zone without a GB/T 2260 code,
// so it gets 411499 (unused in the standard) and the boundary is as synthetic as all the others.
const DISTRICTS: DistrictSpec[] = [
  { code: '411402', name: '梁园区', short: '商丘', seat: [115.63, 34.45], county: false },
  { code: '411403', name: '睢阳区', short: '商丘', seat: [115.65, 34.38], county: false },
  { code: '411421', name: '民权县', short: '民权', seat: [115.15, 34.65], county: true },
  { code: '411422', name: '睢县', short: '睢县', seat: [115.07, 34.45], county: true },
  { code: '411423', name: '宁陵县', short: '宁陵', seat: [115.31, 34.46], county: true },
  { code: '411424', name: '柘城县', short: '柘城', seat: [115.31, 34.09], county: true },
  { code: '411425', name: '虞城县', short: '虞城', seat: [115.86, 34.4], county: true },
  { code: '411426', name: '夏邑县', short: '夏邑', seat: [116.13, 34.24], county: true },
  { code: '411481', name: '永城市', short: '永城', seat: [116.45, 33.93], county: true },
  { code: '411499', name: '商丘市城乡一体化示范区', short: '商丘', seat: [115.7, 34.45], county: false },
];

// Hand-drawn, deliberately rough: the demo must not pass for surveyed boundaries.
const CITY_OUTLINE: Lonlat[] = [
  [114.88, 34.62], [115.05, 34.8], [115.3, 34.88], [115.55, 34.75], [115.8, 34.68], [116.05, 34.6],
  [116.3, 34.5], [116.6, 34.35], [116.72, 34.1], [116.65, 33.85], [116.45, 33.72], [116.25, 33.8],
  [116.05, 33.95], [115.8, 34.02], [115.55, 33.92], [115.3, 33.85], [115.1, 34.0], [115.0, 34.2], [114.9, 34.4],
];
const PROVINCE_OUTLINE: Lonlat[] = [
  [110.4, 34.3], [111.0, 35.0], [112.0, 35.3], [113.0, 36.2], [114.5, 36.4], [115.4, 35.8], [116.2, 35.0],
  [116.9, 34.5], [116.9, 33.6], [116.0, 33.4], [115.4, 32.4], [114.8, 31.6], [113.8, 31.4], [112.0, 32.3], [111.0, 33.2],
];

export function wktPolygon(ring: readonly Lonlat[]): string {
  const closed = [...ring, ring[0]];
  return `POLYGON((${closed.map(([x, y]) => `${x} ${y}`).join(', ')}))`;
}

/** Province, city and the ten districts; district boundaries are Voronoi cells of the seats clipped to the outline. */
export async function insertRegions(sql: Sql): Promise<RegionInfo[]> {
  const city = wktPolygon(CITY_OUTLINE);
  await sql.query(
    `INSERT INTO region (id, code, name, level, parent_id, boundary) VALUES
       ($1, '410000', '河南省', 'province', NULL, ST_Multi(ST_Union(ST_GeomFromText($3, 4326), ST_GeomFromText($4, 4326)))),
       ($2, '411400', '商丘市', 'city', $1, ST_Multi(ST_GeomFromText($4, 4326)))`,
    [PROVINCE_ID, CITY_ID, wktPolygon(PROVINCE_OUTLINE), city],
  );
  const infos: RegionInfo[] = DISTRICTS.map((d, i) => ({ id: CITY_ID + 1 + i, ...d }));
  await sql.query(
    `WITH seat AS (
       SELECT s.id, s.code, s.name, ST_SetSRID(ST_MakePoint(s.x, s.y), 4326) AS pt
       FROM jsonb_to_recordset($1::jsonb) AS s(id int, code text, name text, x float8, y float8)),
     outline AS (SELECT ST_GeomFromText($2, 4326) AS g),
     cell AS (
       SELECT ST_SetSRID((ST_Dump(ST_VoronoiPolygons(ST_Collect(seat.pt), 0.0, ST_Expand(outline.g, 1.0)))).geom, 4326) AS g
       FROM seat, outline GROUP BY outline.g)
     INSERT INTO region (id, code, name, level, parent_id, boundary)
     SELECT seat.id, seat.code, seat.name, 'district', $3::int,
            ST_Multi(ST_CollectionExtract(ST_Intersection(cell.g, outline.g), 3))
     FROM seat JOIN cell ON ST_Contains(cell.g, seat.pt) CROSS JOIN outline`,
    [JSON.stringify(infos.map((r) => ({ id: r.id, code: r.code, name: r.name, x: r.seat[0], y: r.seat[1] }))), city, CITY_ID],
  );
  const n = await sql.query<{ n: number }>('SELECT count(*)::int AS n FROM region WHERE level = $1', ['district']);
  if (n[0].n !== DISTRICTS.length) throw new Error(`expected ${DISTRICTS.length} district cells, got ${n[0].n}`);
  return infos;
}

export type ParkLevel = 'national' | 'provincial' | 'municipal' | 'county';
export type ParkKind = 'etdz' | 'high_tech' | 'cluster' | 'bonded';

interface ParkSpec {
  key: string;
  /** ASCII code used in parcel codes, SQ-<code>-0001. */
  code: string;
  name: string;
  short: string;
  level: ParkLevel;
  kind: ParkKind;
  region: string;
  administeredBy?: string;
  parent?: string;
  center: Lonlat;
  areaKm2: number;
  floor: number;
  industries: string[];
  established: string;
}

// Invented parks. Centres are placed well inside their district cells and apart from each other;
// the SQL below still clips to the region and away from other parks, so another seed cannot break that.
const PARKS: ParkSpec[] = [
  { key: 'gusong', code: 'GS', name: '商丘古宋经济技术开发区', short: '古宋经开区', level: 'national', kind: 'etdz', region: '411403', center: [115.64, 34.3], areaKm2: 18, floor: 300, industries: ['装备制造', '新能源汽车零部件', '食品加工', '现代物流'], established: '2006-03-18' },
  { key: 'liangyuan', code: 'LY', name: '商丘梁园高新技术产业开发区', short: '梁园高新区', level: 'provincial', kind: 'high_tech', region: '411402', center: [115.58, 34.5], areaKm2: 12, floor: 280, industries: ['智能装备', '超硬材料制品', '电子信息'], established: '2012-09-26' },
  { key: 'liangyuan_zn', code: 'LYZN', name: '梁园智能装备园中园', short: '智能装备园', level: 'municipal', kind: 'cluster', region: '411402', parent: 'liangyuan', center: [115.583, 34.498], areaKm2: 2.6, floor: 280, industries: ['智能装备', '工业机器人'], established: '2019-05-08' },
  { key: 'bonded', code: 'BS', name: '商丘豫东综合保税区', short: '豫东综保区', level: 'national', kind: 'bonded', region: '411499', center: [115.72, 34.5], areaKm2: 3, floor: 200, industries: ['保税物流', '跨境电商', '保税加工'], established: '2021-07-15' },
  { key: 'nev', code: 'NEV', name: '商丘示范区新能源汽车零部件产业园', short: '新能源汽车零部件产业园', level: 'provincial', kind: 'cluster', region: '411499', center: [115.72, 34.58], areaKm2: 8, floor: 180, industries: ['新能源汽车零部件', '动力电池', '汽车电子'], established: '2017-11-20' },
  { key: 'soy', code: 'SY', name: '睢阳大豆食品产业园', short: '大豆食品产业园', level: 'municipal', kind: 'cluster', region: '411403', center: [115.55, 34.35], areaKm2: 4, floor: 180, industries: ['大豆食品', '植物蛋白', '农副产品加工'], established: '2020-04-22' },
  { key: 'minquan', code: 'MQ', name: '民权北湖制冷装备产业集聚区', short: '民权制冷产业集聚区', level: 'provincial', kind: 'cluster', region: '411421', center: [115.17, 34.68], areaKm2: 15, floor: 180, industries: ['制冷装备', '冷藏车', '冷链物流'], established: '2009-06-30' },
  { key: 'suixian', code: 'SX', name: '睢县恒河制鞋产业集聚区', short: '睢县制鞋产业集聚区', level: 'provincial', kind: 'cluster', region: '411422', center: [115.05, 34.42], areaKm2: 10, floor: 180, industries: ['制鞋', '电子信息', '纺织'], established: '2010-03-12' },
  { key: 'ningling', code: 'NL', name: '宁陵葛天产业集聚区', short: '宁陵产业集聚区', level: 'county', kind: 'cluster', region: '411423', center: [115.3, 34.48], areaKm2: 6, floor: 180, industries: ['农副产品加工', '大豆食品', '新型建材'], established: '2011-08-16' },
  { key: 'zhecheng', code: 'ZC', name: '柘城超硬材料高新技术产业开发区', short: '柘城超硬材料高新区', level: 'provincial', kind: 'high_tech', region: '411424', center: [115.28, 34.06], areaKm2: 10, floor: 280, industries: ['超硬材料', '金刚石制品', '培育钻石'], established: '2013-10-28' },
  { key: 'enclave', code: 'ZCFD', name: '示范区柘城飞地新能源产业园', short: '柘城飞地产业园', level: 'municipal', kind: 'cluster', region: '411424', administeredBy: '411499', center: [115.4, 34.14], areaKm2: 3, floor: 180, industries: ['新能源汽车零部件', '储能电池'], established: '2022-03-01' },
  { key: 'yucheng', code: 'YC', name: '虞城木兰工量具产业集聚区', short: '虞城工量具产业集聚区', level: 'provincial', kind: 'cluster', region: '411425', center: [115.88, 34.36], areaKm2: 8, floor: 180, industries: ['五金工量具', '钢卷尺', '农副产品加工'], established: '2009-11-05' },
  { key: 'xiayi', code: 'XY', name: '夏邑纺织服装产业集聚区', short: '夏邑纺织产业集聚区', level: 'county', kind: 'cluster', region: '411426', center: [116.15, 34.22], areaKm2: 7, floor: 180, industries: ['纺织服装', '棉纺', '大豆食品'], established: '2011-04-18' },
  { key: 'yongcheng', code: 'YCJK', name: '永城芒砀经济技术开发区', short: '芒砀经开区', level: 'provincial', kind: 'etdz', region: '411481', center: [116.4, 33.95], areaKm2: 16, floor: 240, industries: ['铝精深加工', '面粉食品', '新型煤化工'], established: '2008-12-09' },
  { key: 'yongcheng_chem', code: 'YCMH', name: '永城新型煤化工产业园', short: '煤化工产业园', level: 'municipal', kind: 'cluster', region: '411481', center: [116.55, 33.88], areaKm2: 9, floor: 180, industries: ['新型煤化工', '化工新材料'], established: '2014-06-26' },
];

export interface ParkInfo {
  id: number;
  key: string;
  code: string;
  name: string;
  short: string;
  level: ParkLevel;
  kind: ParkKind;
  regionId: number;
  /** The region whose units credit projects here (the administrator of an enclave). */
  unitRegionId: number;
  parentId: number | null;
  floor: number;
  industries: string[];
  established: number;
  bbox: [number, number, number, number];
  areaM2: number;
}

const INFRA = ['road', 'power', 'water', 'drainage', 'gas', 'telecom', 'heat', 'levelled'];

/** Metres per degree at a latitude; good enough at park scale (a few km). */
export function metresPerDegree(lat: number): { x: number; y: number } {
  return { x: 111_320 * Math.cos((lat * Math.PI) / 180), y: 110_574 };
}

/** A rectilinear outline (rectangle with one or two notched corners), the usual shape of a planned zone. */
function parkShape(spec: ParkSpec, rng: Rng): Lonlat[] {
  const aspect = spec.parent ? rng.float(1.0, 1.3) : rng.float(1.15, 1.8);
  const wide = rng.chance(0.5);
  const w = wide ? Math.sqrt(aspect) : 1 / Math.sqrt(aspect);
  const h = 1 / w;
  const notches = spec.parent ? [] : rng.sample([0, 1, 2, 3], rng.int(1, 2)).map((c) => ({ c, a: rng.float(0.15, 0.32), b: rng.float(0.15, 0.32) }));
  const unitArea = w * h * (1 - notches.reduce((s, n) => s + n.a * n.b, 0));
  const k = Math.sqrt((spec.areaKm2 * 1e6) / unitArea);
  const m = metresPerDegree(spec.center[1]);
  const hw = (w * k) / 2 / m.x;
  const hh = (h * k) / 2 / m.y;
  const [cx, cy] = spec.center;
  const x0 = cx - hw, x1 = cx + hw, y0 = cy - hh, y1 = cy + hh;
  const dx = (f: number) => f * 2 * hw;
  const dy = (f: number) => f * 2 * hh;
  const ring: Lonlat[] = [];
  // Corners counter-clockwise: 0 bottom-left, 1 bottom-right, 2 top-right, 3 top-left.
  for (let c = 0; c < 4; c++) {
    const n = notches.find((q) => q.c === c);
    if (!n) {
      ring.push([[x0, x1, x1, x0][c], [y0, y0, y1, y1][c]]);
      continue;
    }
    const ax = dx(n.a), by = dy(n.b);
    if (c === 0) ring.push([x0, y0 + by], [x0 + ax, y0 + by], [x0 + ax, y0]);
    if (c === 1) ring.push([x1 - ax, y0], [x1 - ax, y0 + by], [x1, y0 + by]);
    if (c === 2) ring.push([x1, y1 - by], [x1 - ax, y1 - by], [x1 - ax, y1]);
    if (c === 3) ring.push([x0 + ax, y1], [x0 + ax, y1 - by], [x0, y1 - by]);
  }
  return ring;
}

/** Planar area in m² of a small lon/lat ring (shoelace); close enough to the geodesic area at park scale. */
function ringAreaM2(ring: readonly Lonlat[]): number {
  const m = metresPerDegree(ring.reduce((s, [, y]) => s + y, 0) / ring.length);
  let a = 0;
  for (let i = 0; i < ring.length; i++) {
    const [x1, y1] = ring[i];
    const [x2, y2] = ring[(i + 1) % ring.length];
    a += x1 * y2 - x2 * y1;
  }
  return Math.abs(a / 2) * m.x * m.y;
}

function infrastructureFor(level: ParkLevel, rng: Rng): string[] {
  if (level === 'national' || (level === 'provincial' && rng.chance(0.6))) return INFRA.slice();
  const keep = level === 'county' ? rng.int(4, 6) : rng.int(5, 7);
  // Road, power and water come first in every zone; gas and heat are the usual gaps.
  const order = ['road', 'power', 'water', 'levelled', 'drainage', 'telecom', 'gas', 'heat'];
  const chosen = new Set(order.slice(0, keep));
  return INFRA.filter((i) => chosen.has(i));
}

export async function insertParks(sql: Sql, rng: Rng, regions: RegionInfo[]): Promise<ParkInfo[]> {
  const regionByCode = new Map(regions.map((r) => [r.code, r]));
  const idByKey = new Map<string, number>();
  const shapes = PARKS.map((spec) => parkShape(spec, rng.fork(spec.key)));
  for (const [i, spec] of PARKS.entries()) {
    const id = i + 1;
    idByKey.set(spec.key, id);
    const region = regionByCode.get(spec.region)!;
    const parentId = spec.parent ? idByKey.get(spec.parent)! : null;
    const admin = spec.administeredBy ? regionByCode.get(spec.administeredBy)!.id : null;
    await sql.query(
      `WITH shape AS (SELECT ST_GeomFromText($8, 4326) AS g),
       container AS (
         SELECT CASE WHEN $5::int IS NULL
           THEN (SELECT ST_Buffer(boundary, -0.004) FROM region WHERE id = $6::int)
           ELSE (SELECT ST_Buffer(boundary, -0.002) FROM park WHERE id = $5::int) END AS g),
       others AS (SELECT ST_Union(ST_Buffer(boundary, 0.003)) AS g FROM park WHERE id IS DISTINCT FROM $5::int),
       clipped AS (
         SELECT CASE WHEN others.g IS NULL THEN ST_Intersection(shape.g, container.g)
                     ELSE ST_Difference(ST_Intersection(shape.g, container.g), others.g) END AS g
         FROM shape, container, others)
       INSERT INTO park (id, name, level, kind, parent_park_id, region_id, administered_by_region_id, boundary,
                         main_industries, intensity_floor, infrastructure, established_on)
       SELECT $1::int, $2::text, $3::park_level, $4::park_kind, $5::int, $6::int, $7::int,
              ST_Multi(ST_CollectionExtract(ST_MakeValid(clipped.g), 3)),
              $9::text[], $10::numeric, $11::text[], $12::date
       FROM clipped`,
      [id, spec.name, spec.level, spec.kind, parentId, region.id, admin, wktPolygon(shapes[i]),
        spec.industries, spec.floor, infrastructureFor(spec.level, rng.fork(`infra-${spec.key}`)), spec.established],
    );
  }
  // Planning uses the designed shapes, not numbers read back: GEOS versions differ in the last bits,
  // and the seed must come out the same on PostgreSQL and on PGlite.
  return PARKS.map((spec, i) => {
    const xs = shapes[i].map(([x]) => x);
    const ys = shapes[i].map(([, y]) => y);
    const regionId = regionByCode.get(spec.region)!.id;
    return {
      id: i + 1,
      key: spec.key,
      code: spec.code,
      name: spec.name,
      short: spec.short,
      level: spec.level,
      kind: spec.kind,
      regionId,
      unitRegionId: spec.administeredBy ? regionByCode.get(spec.administeredBy)!.id : regionId,
      parentId: spec.parent ? idByKey.get(spec.parent)! : null,
      floor: spec.floor,
      industries: spec.industries,
      established: day(spec.established),
      bbox: [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)],
      areaM2: ringAreaM2(shapes[i]),
    };
  });
}

/** A point near a region's seat (town centre), within `km`; callers clamp it into the region in SQL. */
export function nearSeat(region: RegionInfo, rng: Rng, km: number): Lonlat {
  const m = metresPerDegree(region.seat[1]);
  const r = Math.sqrt(rng.next()) * km * 1000;
  const a = rng.float(0, 2 * Math.PI);
  return [region.seat[0] + (r * Math.cos(a)) / m.x, region.seat[1] + (r * Math.sin(a)) / m.y];
}

/** SQL expression: the point r._x/r._y if it lies in region r.region_id, else that region's seat (passed as r._sx/r._sy). */
export const POINT_IN_REGION = `CASE WHEN ST_Within(ST_SetSRID(ST_MakePoint(r._x, r._y), 4326), (SELECT boundary FROM region WHERE id = r.region_id))
  THEN ST_SetSRID(ST_MakePoint(r._x, r._y), 4326) ELSE ST_SetSRID(ST_MakePoint(r._sx, r._sy), 4326) END`;
