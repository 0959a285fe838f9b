import type { Sql } from '../sql';
import type { Chain, ChainNode } from './chains';
import { insertRows } from './db';
import type { Enterprise } from './enterprises';
import { pointOnParcel } from './enterprises';
import { nearSeat, POINT_IN_REGION, type Lonlat, type ParkInfo, type RegionInfo } from './geography';
import { isIndustrial, landPrice, ParcelIndex, type FactoryBuilding, type Parcel, type SupplyStatus } from './land';
import type { NameBook } from './names';
import { departmentUnit, DISTRICT_WEIGHT, serviceOfficerFor, type AnnualTarget, type DepartmentKey, type Unit } from './people';
import { calibrateToTargets, FOREIGN_CATEGORIES, fundArrivals, roundAmount, YUAN_PER_USD } from './funds';
import { apportion, day, isoDate, round2, stamp, yearOf, type Rng } from './random';
import { describeActivities, type Target } from './targets';

export type Stage = 'lead' | 'negotiating' | 'signed' | 'started' | 'completed' | 'in_production' | 'at_capacity' | 'eliminated' | 'terminated';
export type Category = 'manufacturing' | 'agriculture' | 'social' | 'tourism' | 'standard_factory' | 'logistics' | 'ecommerce'
  | 'intermediary' | 'finance' | 'large_retail' | 'hotel' | 'auto_4s' | 'leisure' | 'infrastructure';
export type FundKind = 'land_transfer' | 'fixed_asset' | 'registered_capital' | 'other';

export interface Project {
  id: number;
  code: string;
  name: string;
  investorId: number | null;
  unitId: number;
  category: Category;
  parkId: number | null;
  parcelId: number | null;
  nodeId: number | null;
  regionId: number;
  location: Lonlat;
  seat: Lonlat;
  stage: Stage;
  events: { stage: Stage; on: number }[];
  agreed: number;
  planned: number;
  fai: number | null;
  foreign: number | null;
  capital: number | null;
  landMu: number | null;
  output: number | null;
  tax: number | null;
  uscc: string | null;
  registeredOn: number | null;
  quality: string[];
  leaderId: number | null;
  officerId: number | null;
  targetId: number | null;
  funds: { on: number; amount: number; foreign: number; kind: FundKind; ref: string; note: string; recordedAt: string }[];
  milestones: { name: string; due: number; done: number | null }[];
  /** Deliberately below its park's intensity floor (and then built far below its floor-area ratio). */
  underFloor: boolean;
}

// Seed 003 stage order; the off-ramps come last in the enum as in the schema.
const FORWARD: Stage[] = ['lead', 'negotiating', 'signed', 'started', 'completed', 'in_production', 'at_capacity'];
export const SIGNED_OR_LATER: Stage[] = ['signed', 'started', 'completed', 'in_production', 'at_capacity', 'terminated'];
const STAGE_WEIGHTS: [Stage, number][] = [
  ['lead', 12], ['negotiating', 14], ['signed', 12], ['started', 18], ['completed', 8], ['in_production', 14], ['at_capacity', 6], ['eliminated', 8], ['terminated', 8],
];
// Two thirds manufacturing and at least one project of every other category (at scale 1).
const CATEGORY_WEIGHTS: [Category, number][] = [
  ['manufacturing', 100], ['agriculture', 6], ['logistics', 6], ['standard_factory', 6], ['infrastructure', 5], ['ecommerce', 4],
  ['social', 3], ['tourism', 3], ['finance', 3], ['large_retail', 3], ['hotel', 3], ['auto_4s', 3], ['leisure', 3], ['intermediary', 2],
];
// Days spent before entering each stage.
const GAP: Record<Stage, [number, number]> = {
  lead: [0, 0], negotiating: [10, 90], signed: [20, 150], started: [20, 180], completed: [150, 400],
  in_production: [10, 60], at_capacity: [90, 300], eliminated: [30, 200], terminated: [60, 300],
};
const HISTORY_START = day('2024-12-01');

interface Ctx {
  rng: Rng;
  book: NameBook;
  scale: number;
  reference: number;
  regions: RegionInfo[];
  parks: ParkInfo[];
  parcels: Parcel[];
  buildings: FactoryBuilding[];
  chains: Chain[];
  units: Unit[];
  local: Enterprise[];
  outside: Enterprise[];
  targets: Target[];
  annualTargets: AnnualTarget[];
}

const expand = <T>(items: [T, number][], n: number): T[] =>
  apportion(n, items.map(([, w]) => w)).flatMap((k, i) => Array<T>(k).fill(items[i][0]));

/** What the planners look up per project, indexed once (a filter over every parcel or enterprise per project is quadratic). */
interface Lookups {
  parcelIndex: ParcelIndex;
  /** Parcels under a standard factory building. */
  hallParcels: Set<number>;
  hallsByPark: Map<number, FactoryBuilding[]>;
  outsideByNode: Map<number, Enterprise[]>;
  localByNode: Map<number, Enterprise[]>;
  /** Per node, its outside enterprises not yet anyone's investor (kept current by `useInvestor`). */
  freshOutsideByNode: Map<number, Enterprise[]>;
  usedInvestors: Set<number>;
  /** Per region, its local enterprises outside the chains, and those of them that make or serve. */
  nearby: Map<number, { makers: Enterprise[]; services: Enterprise[] }>;
}
type PlanCtx = Ctx & Lookups;

/** Groups items by key, each group in the items' order. */
function groupBy<T>(items: readonly T[], keys: (item: T) => readonly number[]): Map<number, T[]> {
  const out = new Map<number, T[]>();
  for (const item of items) {
    for (const k of new Set(keys(item))) {
      const l = out.get(k);
      if (l) l.push(item);
      else out.set(k, [item]);
    }
  }
  return out;
}

function lookups(ctx: Ctx): Lookups {
  const nodesOf = (e: Enterprise) => e.nodes.map((n) => n.nodeId);
  const outsideByNode = groupBy(ctx.outside, nodesOf);
  const nearby = new Map<number, { makers: Enterprise[]; services: Enterprise[] }>();
  for (const [regionId, list] of groupBy(ctx.local.filter((e) => e.nodes.length === 0 && e.regionId !== null), (e) => [e.regionId!])) {
    nearby.set(regionId, { makers: list.filter((e) => e.industry.startsWith('C')), services: list.filter((e) => /^[FGI]/.test(e.industry)) });
  }
  return {
    parcelIndex: new ParcelIndex(ctx.parcels),
    hallParcels: new Set(ctx.buildings.map((b) => b.parcelId)),
    hallsByPark: groupBy(ctx.buildings, (b) => [b.parkId]),
    outsideByNode,
    localByNode: groupBy(ctx.local, nodesOf),
    freshOutsideByNode: new Map([...outsideByNode].map(([k, v]) => [k, [...v]])),
    usedInvestors: new Set(),
    nearby,
  };
}

/** Marks an enterprise as an investor: it leaves its nodes' fresh lists (sorted by id, as the enterprise arrays are). */
function useInvestor(ctx: PlanCtx, e: Enterprise): void {
  if (ctx.usedInvestors.has(e.id)) return;
  ctx.usedInvestors.add(e.id);
  for (const { nodeId } of e.nodes) {
    const l = ctx.freshOutsideByNode.get(nodeId);
    if (!l) continue;
    let lo = 0, hi = l.length;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (l[mid].id < e.id) lo = mid + 1; else hi = mid; }
    if (l[lo] === e) l.splice(lo, 1);
  }
}

export function planProjects(input: Ctx): Project[] {
  const ctx: PlanCtx = { ...input, ...lookups(input) };
  const { rng, scale } = ctx;
  const n = Math.round(150 * scale);
  const stages = rng.fork('stages').shuffle(expand(STAGE_WEIGHTS, n));
  const categories = rng.fork('categories').shuffle(expand(CATEGORY_WEIGHTS, n));
  // At least one financial project with money in place (its arrivals are registered capital).
  const fin = categories.indexOf('finance');
  const built: Stage[] = ['started', 'completed', 'in_production'];
  if (fin >= 0 && !built.includes(stages[fin])) {
    const k = stages.findIndex((s, i) => built.includes(s) && categories[i] === 'manufacturing');
    if (k >= 0) [stages[fin], stages[k]] = [stages[k], stages[fin]];
  }
  const links = new Map<number, Target>();
  // Signed targets became projects at signing or later; some negotiating targets are negotiating projects.
  const lr = rng.fork('target-links');
  // Per category and stage, the project slots in order; each target takes the first free slot of its stages.
  const slots = new Map<string, { at: number[]; next: number }>();
  stages.forEach((s, k) => {
    const key = `${categories[k]}/${s}`;
    const q = slots.get(key);
    if (q) q.at.push(k);
    else slots.set(key, { at: [k], next: 0 });
  });
  for (const t of ctx.targets) {
    const want: Stage[] | null = t.status === 'signed' ? ['signed', 'started', 'completed', 'in_production'] : t.status === 'negotiating' && lr.chance(0.5) ? ['negotiating'] : null;
    if (!want) continue;
    const category = categoryOfNode(t.node);
    let best: { at: number[]; next: number } | null = null;
    for (const s of want) {
      const q = slots.get(`${category}/${s}`);
      if (q && q.next < q.at.length && (!best || q.at[q.next] < best.at[best.next])) best = q;
    }
    if (best) links.set(best.at[best.next++], t);
  }
  const projects: Project[] = [];
  let underFloor = 0;
  for (let i = 0; i < n; i++) {
    const p = planProject(ctx, rng.fork(`project-${i}`), i + 1, stages[i], categories[i], links.get(i) ?? null, underFloor < 3);
    if (p.fai !== null && p.landMu && p.parkId !== null && p.fai / p.landMu < ctx.parks.find((k) => k.id === p.parkId)!.floor) underFloor++;
    projects.push(p);
  }
  // Codes number projects in the order they were first recorded, per year: P2025-0001 ...
  const perYear = new Map<number, number>();
  for (const p of projects.slice().sort((a, b) => a.events[0].on - b.events[0].on || a.id - b.id)) {
    const y = yearOf(p.events[0].on);
    const k = (perYear.get(y) ?? 0) + 1;
    perYear.set(y, k);
    p.code = `P${y}-${String(k).padStart(4, '0')}`;
  }
  calibrateToTargets(projects, ctx.units, ctx.annualTargets, rng, scale);
  for (const p of projects) {
    const r = rng.fork(`place-${p.id}`);
    const park = p.parkId === null ? null : ctx.parks.find((k) => k.id === p.parkId)!;
    if (SIGNED_OR_LATER.includes(p.stage)) placeOnParcel(ctx, r, p, park, p.underFloor);
    if (p.parcelId === null) p.location = locate(ctx, r, p, park, ctx.regions.find((g) => g.id === p.regionId)!);
  }
  let voucher = rng.int(100, 400);
  for (const p of projects) for (const f of p.funds) f.ref = `豫商银凭字${yearOf(f.on)}第${String(voucher++).padStart(6, '0')}号`;
  return projects;
}

function planProject(ctx: PlanCtx, r: Rng, id: number, stage: Stage, category: Category, target: Target | null, forceUnderFloor: boolean): Project {
  const isDept = r.chance(0.15);
  let node: ChainNode | null;
  let park: ParkInfo | null;
  if (!target && !isDept && category === 'manufacturing') ({ node, park } = pickManufacturingSite(ctx, r));
  else {
    node = target ? target.node : pickNode(ctx, r, category);
    park = pickPark(ctx, r, category, node ? ctx.chains.find((c) => c.id === node!.chainId)! : null);
  }
  const chain = node ? ctx.chains.find((c) => c.id === node.chainId)! : null;
  const region = park ? ctx.regions.find((g) => g.id === park.regionId)! : pickRegion(ctx, r, category);
  const dept = isDept ? departmentFor(category, chain, r) : null;
  const unit = dept ? departmentUnit(ctx.units, dept) : ctx.units.find((u) => u.regionId === (park ? park.unitRegionId : region.id))!;
  const investor = target ? target.enterprise : pickInvestor(ctx, r, category, node, region);
  if (investor) useInvestor(ctx, investor);

  // Amounts (万元; foreign in 万美元).
  const big = category === 'manufacturing' ? r.chance(0.2) : false;
  const agreed = roundAmount(amountFor(category, big, r));
  const planned = roundAmount(agreed * r.float(1.0, 1.25));
  const fai = category === 'finance' ? null : roundAmount(agreed * (category === 'intermediary' || category === 'ecommerce' ? r.float(0.3, 0.6) : r.float(0.6, 0.92)));
  const landBased = park !== null && fai !== null && ['manufacturing', 'logistics', 'standard_factory', 'ecommerce'].includes(category);
  const under = landBased && category === 'manufacturing' && (forceUnderFloor || r.chance(0.03));
  const landMu = landBased
    ? round2(fai / (park!.floor * (under ? r.float(0.45, 0.9) : r.float(1.05, 1.9))))
    : park ? null : landNeedOffPark(category, r);
  const foreign = FOREIGN_CATEGORIES.includes(category) && r.chance(agreed >= 10000 ? 0.25 : 0.1)
    ? round2((agreed * r.float(0.1, 0.4)) / YUAN_PER_USD) : null;
  const capital = category === 'finance' ? agreed : Math.round((agreed * r.float(0.08, 0.3)) / 10) * 10;
  const output = category === 'finance' || category === 'infrastructure' ? null
    : round2(category === 'manufacturing' ? fai! * r.float(1.2, 3.0) : agreed * r.float(0.15, 0.6));
  const tax = output === null ? null : round2(output * r.float(0.03, 0.08));

  const events = timeline(r, stage, HISTORY_START, ctx.reference);
  const on = (s: Stage) => events.find((e) => e.stage === s)?.on ?? null;
  const signed = on('signed');
  if (target) relinkTarget(target, r, events[0].on, signed, stage, ctx.reference);

  const p: Project = {
    id, code: '', name: projectName(ctx, r, category, node, park, region, investor), investorId: investor?.id ?? null,
    unitId: unit.id, category, parkId: park?.id ?? null, parcelId: null, nodeId: node?.id ?? null, regionId: region.id,
    location: region.seat, seat: region.seat, stage, events, agreed, planned, fai, foreign, capital, landMu, output, tax,
    uscc: null, registeredOn: null, quality: qualityTags(category, r), leaderId: null, officerId: null,
    targetId: target?.id ?? null, funds: [], milestones: [], underFloor: false,
  };
  const leaders = { fgw: 5, swj: 6, gxj: 7, nyj: 8 } as const;
  p.leaderId = stage === 'lead' && r.chance(0.5) ? null : chain && (big || r.chance(0.3)) ? chain.leader : dept ? leaders[dept] : r.pick([4, 5, 6, 7, 8]);
  p.officerId = stage !== 'lead' && stage !== 'eliminated' && (agreed >= 10000 || r.chance(0.6)) ? serviceOfficerFor(region.code) : null;

  if (signed !== null && SIGNED_OR_LATER.includes(stage)) {
    const chance = stage === 'signed' ? 0.7 : stage === 'terminated' ? 0.6 : 0.95;
    const registered = signed + r.int(5, 60);
    if (r.chance(chance) && registered <= ctx.reference) {
      p.uscc = ctx.book.uscc(r, region.code);
      p.registeredOn = registered;
    }
    p.funds = fundArrivals(r, p, signed, ctx.reference);
  }
  p.underFloor = under;
  p.milestones = milestones(r, p, ctx.reference);
  return p;
}

function categoryOfNode(node: ChainNode): Category {
  return node.industry.startsWith('A') ? 'agriculture' : node.industry.startsWith('G') ? 'logistics' : 'manufacturing';
}

const manufacturingNodes = (chain: Chain) => chain.nodes.filter((n) => categoryOfNode(n) === 'manufacturing');

/** Gap nodes a little more often than strong ones: most new projects come out of chain recruitment. */
function pickNodeIn(chain: Chain, r: Rng): ChainNode {
  const nodes = manufacturingNodes(chain);
  const gaps = nodes.filter((n) => n.strength !== 'strong' && n.inPlan);
  const strong = nodes.filter((n) => n.strength === 'strong');
  return r.chance(0.55) && gaps.length > 0 ? r.pick(gaps) : r.pick(strong.length > 0 ? strong : nodes);
}

/**
 * District-introduced manufacturing: the district first (in proportion to its annual target, so every
 * district has a pipeline), then one of its parks, then a chain that park hosts or its own industries.
 */
function pickManufacturingSite(ctx: Ctx, r: Rng): { node: ChainNode | null; park: ParkInfo } {
  const code = r.weighted(Object.entries(DISTRICT_WEIGHT));
  const regionId = ctx.regions.find((g) => g.code === code)!.id;
  const options: [{ chain: Chain | null; park: ParkInfo }, number][] = [];
  for (const park of ctx.parks.filter((p) => p.unitRegionId === regionId)) {
    for (const chain of ctx.chains) {
      const w = chain.parks.find(([k]) => k === park.key)?.[1];
      if (w) options.push([{ chain, park }, w]);
    }
    if (OFF_CHAIN_PRODUCT[park.key]) options.push([{ chain: null, park }, 15]);
  }
  const { chain, park } = r.weighted(options);
  return { node: chain ? pickNodeIn(chain, r) : null, park };
}

function pickNode(ctx: Ctx, r: Rng, category: Category): ChainNode | null {
  const soybean = ctx.chains.find((c) => c.code === 'soybean')!;
  if (category === 'agriculture') return r.chance(0.7) ? r.pick(soybean.nodes.filter((n) => n.industry.startsWith('A'))) : null;
  if (category === 'logistics') return r.chance(0.3) ? ctx.chains.flatMap((c) => c.nodes).find((n) => n.name === '冷链物流服务') ?? null : null;
  if (category !== 'manufacturing' || r.chance(0.15)) return null;
  return pickNodeIn(ctx.chains[r.weighted(ctx.chains.map((c, i) => [i, [30, 30, 20, 20][i] ?? 10] as const))], r);
}

const byKey = (ctx: Ctx, key: string) => ctx.parks.find((p) => p.key === key)!;

function pickPark(ctx: Ctx, r: Rng, category: Category, chain: Chain | null): ParkInfo | null {
  switch (category) {
    case 'manufacturing':
      return byKey(ctx, r.weighted(chain ? chain.parks : Object.keys(OFF_CHAIN_PRODUCT).map((k) => [k, 1] as const)));
    case 'logistics':
      return byKey(ctx, r.weighted(chain ? [['minquan', 1]] : [['bonded', 35], ['gusong', 25], ['yongcheng', 20], ['minquan', 20]]));
    case 'ecommerce':
      return byKey(ctx, r.weighted([['bonded', 50], ['gusong', 30], ['xiayi', 20]]));
    case 'standard_factory':
      return r.pick(ctx.parks.filter((p) => p.kind !== 'bonded'));
    case 'infrastructure':
      return r.chance(0.6) ? r.pick(ctx.parks) : null;
    default:
      return null;
  }
}

function pickRegion(ctx: Ctx, r: Rng, category: Category): RegionInfo {
  const weights: [string, number][] = category === 'agriculture'
    ? [['411423', 20], ['411424', 15], ['411426', 15], ['411421', 12], ['411422', 12], ['411425', 13], ['411481', 13]]
    : category === 'tourism' ? [['411481', 40], ['411403', 30], ['411421', 15], ['411425', 15]]
      : category === 'social' || category === 'infrastructure' ? [['411402', 15], ['411403', 15], ['411499', 10], ['411421', 8], ['411422', 8], ['411423', 8], ['411424', 8], ['411425', 9], ['411426', 9], ['411481', 10]]
        : [['411402', 30], ['411403', 30], ['411499', 25], ['411481', 15]];
  const code = r.weighted(weights);
  return ctx.regions.find((g) => g.code === code)!;
}

function departmentFor(category: Category, chain: Chain | null, r: Rng): DepartmentKey {
  if (chain?.code === 'soybean' || category === 'agriculture') return 'nyj';
  if (chain) return r.weighted<DepartmentKey>([['gxj', 50], ['swj', 25], ['fgw', 25]]);
  if (['large_retail', 'hotel', 'auto_4s', 'leisure', 'ecommerce', 'logistics'].includes(category)) return 'swj';
  return r.chance(0.6) ? 'fgw' : 'swj';
}

function pickInvestor(ctx: PlanCtx, r: Rng, category: Category, node: ChainNode | null, region: RegionInfo): Enterprise | null {
  if (node) {
    const outside = ctx.outsideByNode.get(node.id) ?? [];
    const local = ctx.localByNode.get(node.id) ?? [];
    const roll = r.next();
    if (roll < 0.75 && outside.length > 0) {
      const fresh = ctx.freshOutsideByNode.get(node.id) ?? [];
      return r.pick(fresh.length > 0 ? fresh : outside);
    }
    if (roll < 0.95 && local.length > 0) return r.pick(local);
    return null;
  }
  // Off-chain projects: local firms expanding (增资扩产) or a new company set up for the project.
  const nearby = ctx.nearby.get(region.id) ?? { makers: [], services: [] };
  if (category === 'manufacturing') {
    const makers = nearby.makers;
    return r.chance(0.65) && makers.length > 0 ? r.pick(makers) : null;
  }
  if (category === 'logistics' || category === 'ecommerce') {
    const services = nearby.services;
    return r.chance(0.5) && services.length > 0 ? r.pick(services) : null;
  }
  return null;
}

function amountFor(category: Category, big: boolean, r: Rng): number {
  const ranges: Record<Category, [number, number]> = {
    manufacturing: big ? [10000, 300000] : [2000, 9999], agriculture: [2000, 30000], social: [5000, 150000], tourism: [5000, 150000],
    standard_factory: [5000, 50000], logistics: [10000, 120000], ecommerce: [2000, 20000], intermediary: [2000, 20000],
    finance: [5000, 50000], large_retail: [20000, 200000], hotel: [20000, 100000], auto_4s: [2000, 8000], leisure: [3000, 30000],
    infrastructure: [5000, 100000],
  };
  const [a, b] = ranges[category];
  return Math.min(Math.max(r.logUniform(a, b), 2000), 300000);
}

function landNeedOffPark(category: Category, r: Rng): number | null {
  const ranges: Partial<Record<Category, [number, number]>> = {
    agriculture: [200, 3000], hotel: [20, 60], large_retail: [30, 120], leisure: [20, 100], social: [20, 150], tourism: [100, 2000], auto_4s: [5, 15], infrastructure: [10, 200],
  };
  const range = ranges[category];
  return range ? round2(r.float(range[0], range[1])) : null;
}

function qualityTags(category: Category, r: Rng): string[] {
  const p: Record<string, number> = category === 'manufacturing' ? { high_end: 0.35, smart: 0.4, green: 0.4, integrated: 0.08 }
    : category === 'agriculture' ? { high_end: 0.05, smart: 0.15, green: 0.5, integrated: 0.7 } : { high_end: 0.1, smart: 0.15, green: 0.2, integrated: 0.1 };
  return Object.keys(p).filter((t) => r.chance(p[t]));
}

/** Every stage passed, in order, with non-decreasing dates, ending no later than the reference date. */
function timeline(r: Rng, final: Stage, earliest: number, reference: number): { stage: Stage; on: number }[] {
  let path: Stage[];
  if (final === 'eliminated') path = r.chance(0.6) ? ['lead', 'negotiating', 'eliminated'] : ['lead', 'eliminated'];
  else if (final === 'terminated') path = r.chance(0.4) ? ['lead', 'negotiating', 'signed', 'started', 'terminated'] : ['lead', 'negotiating', 'signed', 'terminated'];
  else path = FORWARD.slice(0, FORWARD.indexOf(final) + 1);
  let gaps = path.map((s) => r.int(GAP[s][0], GAP[s][1]));
  const span = gaps.reduce((a, b) => a + b, 0);
  const room = reference - earliest;
  // Open pipeline items are recent; old untouched leads exist but are the exception (淘汰制 demo).
  const freshest = final === 'lead' ? reference - 280 : final === 'negotiating' ? reference - 330 : earliest;
  let start: number;
  if (span > room) {
    const f = Math.max(0, room) / span;
    gaps = gaps.map((g) => Math.floor(g * f));
    start = earliest;
  } else {
    start = r.int(Math.max(earliest, Math.min(freshest, reference - span)), reference - span);
  }
  let d = start;
  return path.map((stage, i) => ({ stage, on: (d += gaps[i]) }));
}

/** A project that came out of a target: the target was opened shortly before and its log leads up to the signing. */
function relinkTarget(t: Target, r: Rng, leadOn: number, signedOn: number | null, stage: Stage, reference: number): void {
  t.createdOn = Math.max(day('2024-09-01'), leadOn - r.int(5, 60));
  describeActivities(t, r, reference, signedOn ?? reference);
  // Once building starts the project's own service officer takes over from the recruitment team.
  if (stage === 'signed') t.nextAction = '协助注册项目公司并办理备案';
  else if (stage !== 'negotiating') {
    t.nextAction = null;
    t.nextActionDue = null;
  }
}

function projectName(ctx: Ctx, r: Rng, category: Category, node: ChainNode | null, park: ParkInfo | null, region: RegionInfo, investor: Enterprise | null): string {
  const prefix = investor ? investor.zihao : region.code === '411499' ? '示范区' : region.name.slice(0, 2);
  const pick = (xs: string[]) => r.pick(xs);
  switch (category) {
    case 'manufacturing': {
      const product = node ? node.product : OFF_CHAIN_PRODUCT[park?.key ?? ''] ?? '高端装备制造';
      const suffix = investor?.isLocal ? pick(['扩产项目', '技术改造项目', '二期项目'])
        : pick(product.endsWith('制造') ? ['项目', '基地项目'] : ['项目', '生产基地项目', '智能制造项目', '产业园项目']);
      return `${prefix}${product}${suffix}`;
    }
    case 'agriculture': return `${prefix}${node ? node.product : '高标准农田及特色种植基地'}项目`;
    case 'standard_factory': return `${park!.short}标准化厂房${pick(['一期', '二期', '三期'])}建设项目`;
    case 'tourism': return `${{ '411481': '芒砀山文旅综合开发', '411403': '商丘古城文化旅游', '411421': '申甘林带生态旅游' }[region.code] ?? '乡村文旅融合'}${pick(['项目', '（一期）项目'])}`;
    case 'infrastructure': return `${park ? park.short : region.name}${pick(['污水处理厂提标改造工程', '道路及管网工程', '集中供热管网工程', '220千伏变电站配套工程'])}`;
    default: return `${prefix}${pick(OTHER_NAMES[category])}项目`;
  }
}

const OFF_CHAIN_PRODUCT: Record<string, string> = {
  suixian: '运动鞋智能制造', xiayi: '高端纺织服装', yucheng: '精密量具', yongcheng: '铝精深加工', yongcheng_chem: '煤基新材料',
  liangyuan: '智能装备制造', gusong: '高端装备制造', ningling: '新型建材',
};
const OTHER_NAMES: Record<string, string[]> = {
  social: ['康养中心', '职业技能培训学校', '民营医院', '养老服务综合体'],
  logistics: ['冷链物流园', '智慧物流园', '保税物流中心', '多式联运物流港'],
  ecommerce: ['跨境电商产业园', '农村电商服务中心', '直播电商基地'],
  intermediary: ['人力资源服务产业园', '检验检测认证中心', '知识产权服务中心'],
  finance: ['村镇银行', '融资担保公司', '小额贷款公司', '产业投资基金'],
  large_retail: ['商业综合体', '购物中心'],
  hotel: ['国际酒店（四星级）', '五星级酒店'],
  auto_4s: ['新能源汽车4S店', '汽车销售服务中心'],
  leisure: ['文旅休闲街区', '室内运动娱乐中心'],
};

/** The parcel a signed project took, with the parcel's status following the project's stage. */
function placeOnParcel(ctx: PlanCtx, r: Rng, p: Project, park: ParkInfo | null, under: boolean): void {
  if (!park || !p.landMu || !['manufacturing', 'logistics', 'standard_factory', 'ecommerce'].includes(p.category)) return;
  const on = (s: Stage) => p.events.find((e) => e.stage === s)?.on ?? null;
  const status: SupplyStatus = p.stage === 'signed' ? 'supplied' : p.stage === 'started' ? 'under_construction'
    : p.stage === 'terminated' ? 'idle' : 'built';
  const need = p.landMu;
  // Prefer land nobody else has built on yet; a completed project may also sit on an older built parcel.
  // Land already built on (by the firms placed there) only suits a project that is itself built; standard
  // factory buildings' parcels are never reused.
  const fresh: SupplyStatus[] = ['available', 'reserve', 'supplied', status];
  let best: Parcel | null = null;
  const score = (c: Parcel) => Math.abs(Math.log(c.mu / need)) + (fresh.includes(c.status) ? 0 : 0.5);
  // Only parcels within a factor 2.5 of the need qualify: scan the park's parcels of about that size (a little
  // wider; the exact test follows), keeping the lowest score and, among equal scores, the lowest id.
  for (const c of ctx.parcelIndex.sized(park.id, (need / 2.5) * (1 - 1e-9), need * 2.5 * (1 + 1e-9))) {
    if (c.projectId !== null || !isIndustrial(c.landUse) || ctx.hallParcels.has(c.id)) continue;
    if (status !== 'built' && (c.status === 'built' || c.status === 'under_construction')) continue;
    if (Math.abs(Math.log(c.mu / need)) < Math.log(2.5) && (!best || score(c) < score(best) || (score(c) === score(best) && c.id < best.id))) best = c;
  }
  if (!best) return;
  const signed = on('signed')!;
  const started = on('started');
  best.projectId = p.id;
  ctx.parcelIndex.setStatus(best, status);
  best.suppliedOn = Math.min(signed + r.int(10, 90), started ?? ctx.reference, ctx.reference);
  best.price = landPrice(best.landUse, best.mu, r);
  best.builtFar = status === 'built' && best.far !== null ? round2(best.far * (under ? r.float(0.2, 0.45) : r.float(0.6, 1.0))) : null;
  p.parcelId = best.id;
  p.location = [(best.rect[0] + best.rect[2]) / 2, (best.rect[1] + best.rect[3]) / 2];
}

function locate(ctx: PlanCtx, r: Rng, p: Project, park: ParkInfo | null, region: RegionInfo): Lonlat {
  if (!park) return nearSeat(region, r, p.category === 'agriculture' || p.category === 'tourism' ? 15 : 5);
  if (p.stage === 'lead' || p.stage === 'negotiating' || p.stage === 'eliminated') {
    // An intended site: an open parcel of the park.
    const open = ctx.parcelIndex.openIn(park.id);
    if (open.length > 0) {
      const c = r.pick(open);
      return [(c.rect[0] + c.rect[2]) / 2, (c.rect[1] + c.rect[3]) / 2];
    }
  }
  // Without a parcel of its own a small project rents a standard factory building.
  const halls = ctx.hallsByPark.get(park.id) ?? [];
  if (halls.length > 0 && r.chance(0.7)) {
    const b = r.pick(halls);
    return [b.x, b.y];
  }
  return pointOnParcel(ctx.parcelIndex, park.id, r);
}

const MILESTONES: [string, number][] = [['取得施工许可证', 30], ['基础工程完工', 100], ['主体结构封顶', 200], ['设备进场安装', 280], ['竣工验收', 360]];

/** 节点制: dated milestones from the construction start; overdue ones have no done date. */
function milestones(r: Rng, p: Project, reference: number): Project['milestones'] {
  const started = p.events.find((e) => e.stage === 'started')?.on;
  if (started === undefined) return [];
  const completed = p.events.find((e) => e.stage === 'completed')?.on ?? null;
  if (p.stage === 'terminated') return [];
  return MILESTONES.map(([name, offset]) => {
    const due = started + Math.round(offset * r.float(0.8, 1.2));
    let done: number | null = null;
    if (completed !== null) done = Math.min(completed, Math.max(started, due + r.int(-20, 20)));
    else if (due <= reference) done = r.chance(0.7) ? Math.min(reference, Math.max(started, due + r.int(-20, 25))) : null;
    else if (due - 20 <= reference && r.chance(0.2)) done = Math.max(started, reference - r.int(0, 10));
    return { name, due, done };
  });
}

export async function insertProjects(sql: Sql, projects: Project[], rng: Rng): Promise<void> {
  await insertRows(sql, 'project', {
    id: 'int', code: 'text', name: 'text', investor_id: 'int', introducing_unit_id: 'int', category_code: 'text', park_id: 'int',
    parcel_id: 'int', chain_node_id: 'int', region_id: 'int', stage: 'project_stage', agreed_investment: 'numeric',
    planned_total_investment: 'numeric', fixed_asset_investment: 'numeric', foreign_investment: 'numeric', registered_capital: 'numeric',
    land_need_mu: 'numeric', expected_annual_output: 'numeric', expected_annual_tax: 'numeric', company_uscc: 'text',
    company_registered_on: 'date', quality_tags: 'text[]', responsible_leader_id: 'int', service_officer_id: 'int',
    target_enterprise_id: 'int', created_at: 'timestamptz', updated_at: 'timestamptz', _x: 'float8', _y: 'float8', _sx: 'float8', _sy: 'float8',
  }, projects.map((p) => ({
    id: p.id, code: p.code, name: p.name, investor_id: p.investorId, introducing_unit_id: p.unitId, category_code: p.category,
    park_id: p.parkId, parcel_id: p.parcelId, chain_node_id: p.nodeId, region_id: p.regionId, stage: p.stage,
    agreed_investment: p.agreed, planned_total_investment: p.planned, fixed_asset_investment: p.fai, foreign_investment: p.foreign,
    registered_capital: p.capital, land_need_mu: p.landMu, expected_annual_output: p.output, expected_annual_tax: p.tax,
    company_uscc: p.uscc, company_registered_on: p.registeredOn === null ? null : isoDate(p.registeredOn), quality_tags: p.quality,
    responsible_leader_id: p.leaderId, service_officer_id: p.officerId, target_enterprise_id: p.targetId,
    created_at: `${isoDate(p.events[0].on)} 09:00:00+08`, updated_at: `${isoDate(p.events[p.events.length - 1].on)} 17:30:00+08`,
    _x: p.location[0], _y: p.location[1], _sx: p.seat[0], _sy: p.seat[1],
  })), { location: POINT_IN_REGION });

  // Row order matters: the guard trigger checks each event against the ones inserted before it.
  const er = rng.fork('event-stamps');
  let eventId = 0;
  await sql.query(
    `INSERT INTO project_stage_event (id, project_id, stage, entered_on, recorded_at)
     SELECT r.id, r.project_id, r.stage, r.entered_on, r.recorded_at
     FROM jsonb_to_recordset($1::jsonb) AS r(id int, project_id int, stage project_stage, entered_on date, recorded_at timestamptz)
     ORDER BY r.id`,
    [JSON.stringify(projects.flatMap((p) => p.events.map((e) => ({
      id: ++eventId, project_id: p.id, stage: e.stage, entered_on: isoDate(e.on), recorded_at: stamp(e.on, er),
    }))))],
  );
  let fundId = 0;
  await insertRows(sql, 'fund_arrival', {
    id: 'int', project_id: 'int', arrived_on: 'date', amount: 'numeric', foreign_amount: 'numeric', kind: 'fund_kind',
    evidence_ref: 'text', evidence_note: 'text', recorded_at: 'timestamptz',
  }, projects.flatMap((p) => p.funds.map((f) => ({
    id: ++fundId, project_id: p.id, arrived_on: isoDate(f.on), amount: f.amount, foreign_amount: f.foreign, kind: f.kind,
    evidence_ref: f.ref, evidence_note: f.note, recorded_at: f.recordedAt,
  }))));
  let milestoneId = 0;
  await insertRows(sql, 'project_milestone', { id: 'int', project_id: 'int', name: 'text', due_on: 'date', done_on: 'date' },
    projects.flatMap((p) => p.milestones.map((m) => ({
      id: ++milestoneId, project_id: p.id, name: m.name, due_on: isoDate(m.due), done_on: m.done === null ? null : isoDate(m.done),
    }))));
}
