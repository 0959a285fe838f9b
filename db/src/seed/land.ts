import type { Sql } from '../sql';
import { insertRows, RECT, RECT_COLS, POINT, POINT_COLS } from './db';
import { metresPerDegree, type ParkInfo, type RegionInfo } from './geography';
import { apportion, day, isoDate, round2, type Rng } from './random';

export type LandUse = 'M1' | 'M2' | 'M3' | 'W' | 'B' | 'R' | 'A' | 'G' | 'reserve';
export type SupplyStatus = 'reserve' | 'available' | 'supplied' | 'under_construction' | 'built' | 'idle';

export interface Parcel {
  id: number;
  code: string;
  parkId: number;
  rect: [number, number, number, number];
  /** Planar estimate, only for choosing sizes; the database computes the geodesic area itself. */
  mu: number;
  widthM: number;
  heightM: number;
  /** 0 at the developed core of the park (nearest the town), 1 at the far edge. */
  rank: number;
  landUse: LandUse;
  status: SupplyStatus;
  far: number | null;
  builtFar: number | null;
  price: number | null;
  suppliedOn: number | null;
  projectId: number | null;
}

const M2_PER_MU = 10000 / 15;
const INDUSTRIAL: LandUse[] = ['M1', 'M2', 'M3', 'W'];
export const isIndustrial = (u: LandUse): boolean => INDUSTRIAL.includes(u);

interface Block { x0: number; y0: number; x1: number; y1: number; k: number; dist: number }

// How many parcels a block is cut into; mixed sizes make "where could an N-mu project go" interesting.
const SPLITS: [number, number][] = [[1, 0.08], [2, 0.12], [4, 0.2], [8, 0.3], [12, 0.15], [16, 0.15]];
const MEAN_SPLIT = SPLITS.reduce((s, [k, w]) => s + k * w, 0);
// Share of a park's area the parcels cover at the first try; the rest is roads, green and unplanned land.
const COVERAGE = 0.35;

/** Grid blocks fully inside each park (and outside its sub-parks), cut into exactly `quota` parcels per park. */
export async function planParcels(sql: Sql, rng: Rng, parks: ParkInfo[], regions: RegionInfo[], total: number): Promise<Parcel[]> {
  const ownArea = parks.map((p) => p.areaM2 - parks.filter((c) => c.parentId === p.id).reduce((s, c) => s + c.areaM2, 0));
  const quotas = apportion(total, ownArea);
  const chosen = new Map<number, Block[]>();
  const side = new Map(parks.map((p, i) => [p.id, Math.sqrt((COVERAGE * ownArea[i] * MEAN_SPLIT) / Math.max(1, quotas[i]))]));
  let pending = parks.filter((_, i) => quotas[i] > 0);
  for (let attempt = 0; pending.length > 0; attempt++) {
    if (attempt > 40) throw new Error(`could not fit parcels into parks ${pending.map((p) => p.name).join(', ')}`);
    const grids = pending.map((p) => ({ park: p, blocks: gridBlocks(p, side.get(p.id)!, regions, rng.fork(`grid-${p.id}-${attempt}`)) }));
    const flat = grids.flatMap((g) => g.blocks.map((b, idx) => ({ park: g.park.id, idx, _x0: b.x0, _y0: b.y0, _x1: b.x1, _y1: b.y1 })));
    const inside = await sql.query<{ park: number; idx: number }>(
      `SELECT r.park, r.idx FROM jsonb_to_recordset($1::jsonb) AS r(park int, idx int, _x0 float8, _y0 float8, _x1 float8, _y1 float8)
       JOIN park p ON p.id = r.park
       WHERE ST_CoveredBy(${RECT}, p.boundary)
         AND NOT EXISTS (SELECT 1 FROM park c WHERE c.parent_park_id = p.id AND ST_Intersects(c.boundary, ${RECT}))
       ORDER BY r.park, r.idx`,
      [JSON.stringify(flat)],
    );
    const next: ParkInfo[] = [];
    for (const g of grids) {
      const quota = quotas[parks.indexOf(g.park)];
      const ok = inside.filter((r) => r.park === g.park.id).map((r) => g.blocks[r.idx]);
      if (ok.reduce((s, b) => s + b.k, 0) >= quota) chosen.set(g.park.id, ok.sort((a, b) => a.dist - b.dist));
      else {
        side.set(g.park.id, side.get(g.park.id)! * 0.85);
        next.push(g.park);
      }
    }
    pending = next;
  }

  const parcels: Parcel[] = [];
  for (const [i, park] of parks.entries()) {
    const blocks = chosen.get(park.id) ?? [];
    const prng = rng.fork(`parcels-${park.id}`);
    const m = metresPerDegree((park.bbox[1] + park.bbox[3]) / 2);
    const rects = blocks.flatMap((b) => splitBlock(b, m));
    for (let n = 0; n < quotas[i]; n++) {
      const rect = rects[n];
      const widthM = (rect[2] - rect[0]) * m.x;
      const heightM = (rect[3] - rect[1]) * m.y;
      const p: Parcel = {
        id: 0, code: `SQ-${park.code}-${String(n + 1).padStart(4, '0')}`, parkId: park.id, rect,
        mu: (widthM * heightM) / M2_PER_MU, widthM, heightM, rank: quotas[i] > 1 ? n / (quotas[i] - 1) : 0,
        landUse: 'M1', status: 'available', far: null, builtFar: null, price: null, suppliedOn: null, projectId: null,
      };
      describeParcel(p, park, prng);
      parcels.push(p);
    }
  }
  parcels.forEach((p, i) => (p.id = i + 1));
  return parcels;
}

function gridBlocks(park: ParkInfo, sideM: number, regions: RegionInfo[], rng: Rng): Block[] {
  const [xmin, ymin, xmax, ymax] = park.bbox;
  const m = metresPerDegree((ymin + ymax) / 2);
  const dx = sideM / m.x;
  const dy = sideM / m.y;
  // Roads between blocks: about 30 m, narrower when blocks get small at large scales.
  const road = Math.min(15, sideM * 0.06);
  const seat = regions.find((r) => r.id === park.regionId)!.seat;
  const blocks: Block[] = [];
  for (let y = ymin; y + dy <= ymax + 1e-12; y += dy) {
    for (let x = xmin; x + dx <= xmax + 1e-12; x += dx) {
      const b = { x0: x + road / m.x, y0: y + road / m.y, x1: x + dx - road / m.x, y1: y + dy - road / m.y };
      const cx = (b.x0 + b.x1) / 2, cy = (b.y0 + b.y1) / 2;
      // Development spreads out from the side nearest the town; a little noise keeps the front ragged.
      const dist = Math.hypot((cx - seat[0]) * m.x, (cy - seat[1]) * m.y) * rng.float(0.9, 1.1);
      blocks.push({ ...b, k: rng.weighted(SPLITS), dist });
    }
  }
  return blocks;
}

function splitBlock(b: Block, m: { x: number; y: number }): [number, number, number, number][] {
  const wM = (b.x1 - b.x0) * m.x, hM = (b.y1 - b.y0) * m.y;
  const long = wM >= hM;
  const [nLong, nShort] = ({ 1: [1, 1], 2: [2, 1], 4: [2, 2], 8: [4, 2], 12: [4, 3], 16: [4, 4] } as Record<number, [number, number]>)[b.k];
  const [nx, ny] = long ? [nLong, nShort] : [nShort, nLong];
  // Internal access lanes, about 8 m.
  const gapX = Math.min(8, wM * 0.03) / m.x, gapY = Math.min(8, hM * 0.03) / m.y;
  const cw = (b.x1 - b.x0 - gapX * (nx - 1)) / nx;
  const ch = (b.y1 - b.y0 - gapY * (ny - 1)) / ny;
  const out: [number, number, number, number][] = [];
  for (let j = 0; j < ny; j++) {
    for (let i = 0; i < nx; i++) {
      const x0 = b.x0 + i * (cw + gapX), y0 = b.y0 + j * (ch + gapY);
      out.push([x0, y0, i === nx - 1 ? b.x1 : x0 + cw, j === ny - 1 ? b.y1 : y0 + ch]);
    }
  }
  return out;
}

const REF_BUILT_FROM = day('2008-01-01');

function describeParcel(p: Parcel, park: ParkInfo, rng: Rng): void {
  const f = p.rank;
  p.status = f < 0.45
    ? rng.weighted<SupplyStatus>([['built', 70], ['under_construction', 8], ['idle', 7], ['supplied', 8], ['available', 5], ['reserve', 2]])
    : f < 0.7
      ? rng.weighted<SupplyStatus>([['built', 25], ['under_construction', 20], ['supplied', 20], ['idle', 12], ['available', 18], ['reserve', 5]])
      : rng.weighted<SupplyStatus>([['available', 45], ['reserve', 35], ['supplied', 8], ['under_construction', 4], ['idle', 4], ['built', 4]]);
  const uses: [LandUse, number][] = park.kind === 'bonded'
    ? [['W', 50], ['M1', 40], ['B', 10]]
    : park.key === 'yongcheng_chem'
      ? [['M3', 35], ['M2', 35], ['W', 15], ['G', 8], ['A', 4], ['B', 3]]
      : [['M1', 50], ['M2', 22], ['W', 12], ['B', 5], ['G', 4], ['M3', 2], ['A', 2], ['R', 1]];
  p.landUse = (p.status === 'reserve' || p.status === 'available') && rng.chance(0.12) ? 'reserve' : rng.weighted(uses);
  p.far = farFor(p.landUse, rng);
  const supplied = p.status !== 'reserve' && p.status !== 'available';
  if (supplied) {
    const from = Math.max(REF_BUILT_FROM, park.established);
    const window: Record<string, [number, number]> = {
      built: [from, day('2024-12-31')],
      idle: [Math.max(from, day('2019-01-01')), day('2024-06-30')],
      under_construction: [Math.max(from, day('2022-06-01')), day('2026-06-30')],
      supplied: [Math.max(from, day('2023-01-01')), day('2026-10-31')],
    };
    const [a, b] = window[p.status];
    p.suppliedOn = rng.int(a, Math.max(a, b));
  }
  if (p.status === 'built' && p.far !== null) {
    // 圈大建小: some built industrial parcels reach only a fraction of their planned floor-area ratio.
    const low = isIndustrial(p.landUse) && rng.chance(0.15);
    p.builtFar = round2(p.far * (low ? rng.float(0.15, 0.4) : rng.float(0.7, 1.05)));
  }
  p.price = p.status === 'reserve' ? null : landPrice(p.landUse, p.mu, rng);
}

function farFor(use: LandUse, rng: Rng): number | null {
  const r = (a: number, b: number) => Math.round(rng.float(a, b) * 10) / 10;
  switch (use) {
    case 'M1': return r(1.0, 2.0);
    case 'M2': return r(0.8, 1.5);
    case 'M3': return r(0.6, 1.2);
    case 'W': return r(0.8, 1.5);
    case 'B': return r(1.5, 3.5);
    case 'R': return r(1.8, 2.8);
    case 'A': return r(0.8, 1.5);
    case 'G': return 0;
    case 'reserve': return null;
  }
}

/** 万元 for the whole parcel: a transfer price, or for land not yet supplied the listed starting price. */
export function landPrice(use: LandUse, mu: number, rng: Rng): number | null {
  const perMu: Partial<Record<LandUse, [number, number]>> = {
    M1: [12, 28], M2: [12, 24], M3: [10, 20], W: [14, 30], B: [80, 200], R: [150, 300], reserve: [10, 20],
  };
  const range = perMu[use];
  if (!range) return 0; // public and green land is allocated (划拨), not sold
  return round2(mu * rng.float(range[0], range[1]));
}

export interface FactoryBuilding {
  id: number;
  name: string;
  parkId: number;
  parcelId: number;
  x: number;
  y: number;
  footprint: [number, number, number, number];
  floors: number;
  floorArea: number;
  vacant: number;
}

/** Standard factory buildings stand on built industrial parcels, up to four per parcel (one per quadrant). */
export function planFactoryBuildings(rng: Rng, parcels: Parcel[], parks: ParkInfo[], count: number): FactoryBuilding[] {
  const rank = (p: Parcel) => (p.status === 'built' && (p.landUse === 'M1' || p.landUse === 'W') ? 0 : p.status === 'built' ? 1 : isIndustrial(p.landUse) ? 2 : 3);
  const hosts = rng.shuffle(parcels).sort((a, b) => rank(a) - rank(b));
  const out: FactoryBuilding[] = [];
  const perPark = new Map<number, number>();
  for (let quadrant = 0; quadrant < 4 && out.length < count; quadrant++) {
    for (const p of hosts) {
      if (out.length >= count) break;
      const [x0, y0, x1, y1] = p.rect;
      const qx = quadrant % 2, qy = Math.floor(quadrant / 2);
      const cx = x0 + (x1 - x0) * (0.25 + 0.5 * qx);
      const cy = y0 + (y1 - y0) * (0.25 + 0.5 * qy);
      const floors = rng.weighted([[1, 10], [2, 25], [3, 30], [4, 20], [5, 10], [6, 5]]);
      const floorArea = Math.round(rng.float(3000, 30000) / 100) * 100;
      const sideM = Math.sqrt(floorArea / floors);
      const hwM = Math.min(sideM / 2, p.widthM * 0.2), hhM = Math.min(sideM / 2, p.heightM * 0.2);
      const mx = (x1 - x0) / p.widthM, my = (y1 - y0) / p.heightM;
      const occupancy = rng.weighted<'empty' | 'full' | 'partial'>([['empty', 20], ['full', 25], ['partial', 55]]);
      const vacant = occupancy === 'empty' ? floorArea : occupancy === 'full' ? 0 : Math.round((floorArea * rng.float(0.1, 0.9)) / 10) * 10;
      const n = (perPark.get(p.parkId) ?? 0) + 1;
      perPark.set(p.parkId, n);
      const park = parks.find((k) => k.id === p.parkId)!;
      out.push({
        id: out.length + 1, name: `${park.short}标准化厂房${n}号楼`, parkId: p.parkId, parcelId: p.id, x: cx, y: cy,
        footprint: [cx - hwM * mx, cy - hhM * my, cx + hwM * mx, cy + hhM * my], floors, floorArea, vacant,
      });
    }
  }
  return out;
}

export async function insertParcels(sql: Sql, parcels: Parcel[]): Promise<void> {
  await insertRows(sql, 'parcel', {
    id: 'int', code: 'text', park_id: 'int', land_use: 'land_use', supply_status: 'supply_status',
    floor_area_ratio: 'numeric', built_far: 'numeric', land_price: 'numeric', supplied_on: 'date', ...RECT_COLS,
  }, parcels.map((p) => ({
    id: p.id, code: p.code, park_id: p.parkId, land_use: p.landUse, supply_status: p.status,
    floor_area_ratio: p.far, built_far: p.builtFar, land_price: p.price, supplied_on: p.suppliedOn === null ? null : isoDate(p.suppliedOn),
    _x0: p.rect[0], _y0: p.rect[1], _x1: p.rect[2], _y1: p.rect[3],
  })), { geom: `ST_Multi(${RECT})` });
}

export async function linkParcelProjects(sql: Sql, parcels: Parcel[]): Promise<void> {
  const linked = parcels.filter((p) => p.projectId !== null);
  if (linked.length === 0) return;
  await sql.query(
    `UPDATE parcel SET project_id = r.project_id
     FROM jsonb_to_recordset($1::jsonb) AS r(id int, project_id int) WHERE parcel.id = r.id`,
    [JSON.stringify(linked.map((p) => ({ id: p.id, project_id: p.projectId })))],
  );
}

export async function insertFactoryBuildings(sql: Sql, buildings: FactoryBuilding[]): Promise<void> {
  await insertRows(sql, 'factory_building', {
    id: 'int', name: 'text', park_id: 'int', floors: 'int', floor_area_m2: 'numeric', vacant_floor_area_m2: 'numeric',
    ...POINT_COLS, ...RECT_COLS,
  }, buildings.map((b) => ({
    id: b.id, name: b.name, park_id: b.parkId, floors: b.floors, floor_area_m2: b.floorArea, vacant_floor_area_m2: b.vacant,
    _x: b.x, _y: b.y, _x0: b.footprint[0], _y0: b.footprint[1], _x1: b.footprint[2], _y1: b.footprint[3],
  })), { location: POINT, footprint: RECT });
}

/** Position of the parcel with `id` in a list sorted by id, or where it would go. */
function idPosition(list: readonly Parcel[], id: number): number {
  let lo = 0, hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid].id < id) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const isOpen = (s: SupplyStatus) => s === 'available' || s === 'reserve';

/**
 * The parcels of each park, in id order, with the park's built and open (available or reserve) parcels kept
 * current as projects change statuses (through `setStatus`), and the parcels sorted by size: what the planners
 * ask per enterprise or project, in time independent of the number of parcels (a filter over all parcels per
 * item made the scale-1000 seed quadratic). Every list holds exactly what a filter of the parcel array would.
 */
export class ParcelIndex {
  private readonly all = new Map<number, Parcel[]>();
  private readonly built = new Map<number, Parcel[]>();
  private readonly open = new Map<number, Parcel[]>();
  private readonly bySize = new Map<number, { parcels: Parcel[]; mu: Float64Array }>();

  constructor(parcels: readonly Parcel[]) {
    const add = (m: Map<number, Parcel[]>, p: Parcel) => { const l = m.get(p.parkId); if (l) l.push(p); else m.set(p.parkId, [p]); };
    // Sorted by id, so each park's lists are in the order a filter of the array (ordered by id) would give.
    for (const p of [...parcels].sort((a, b) => a.id - b.id)) {
      add(this.all, p);
      if (p.status === 'built') add(this.built, p);
      if (isOpen(p.status)) add(this.open, p);
    }
    for (const [park, list] of this.all) {
      const sorted = [...list].sort((a, b) => a.mu - b.mu || a.id - b.id);
      this.bySize.set(park, { parcels: sorted, mu: Float64Array.from(sorted, (p) => p.mu) });
    }
  }

  inPark(parkId: number): readonly Parcel[] { return this.all.get(parkId) ?? []; }
  builtIn(parkId: number): readonly Parcel[] { return this.built.get(parkId) ?? []; }
  openIn(parkId: number): readonly Parcel[] { return this.open.get(parkId) ?? []; }

  /** The park's parcels with `lo ≤ mu ≤ hi`, smallest first (ties by id). */
  *sized(parkId: number, lo: number, hi: number): Generator<Parcel> {
    const s = this.bySize.get(parkId);
    if (!s) return;
    let a = 0, b = s.mu.length;
    while (a < b) { const mid = (a + b) >> 1; if (s.mu[mid] < lo) a = mid + 1; else b = mid; }
    for (let i = a; i < s.mu.length && s.mu[i] <= hi; i++) yield s.parcels[i];
  }

  /** Changes a parcel's status, moving it between the built and open lists of its park. */
  setStatus(p: Parcel, status: SupplyStatus): void {
    const move = (m: Map<number, Parcel[]>, was: boolean, is: boolean) => {
      if (was === is) return;
      let l = m.get(p.parkId);
      if (!l) m.set(p.parkId, (l = []));
      const at = idPosition(l, p.id);
      if (is) l.splice(at, 0, p);
      else if (l[at] === p) l.splice(at, 1);
    };
    move(this.built, p.status === 'built', status === 'built');
    move(this.open, isOpen(p.status), isOpen(status));
    p.status = status;
  }
}
