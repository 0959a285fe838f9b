import type { Sql } from '../sql';
import type { Chain, ChainNode } from './chains';
import { insertRows } from './db';
import { metresPerDegree, nearSeat, POINT_IN_REGION, type Lonlat, type ParkInfo, type RegionInfo } from './geography';
import { ParcelIndex, type Parcel } from './land';
import { ROADS, type NameBook } from './names';
import { apportion, round2, type Rng } from './random';

export type Tag = 'global500' | 'china500' | 'industry_leader' | 'listed' | 'little_giant' | 'high_tech' | 'gazelle' | 'unicorn';

export interface Enterprise {
  id: number;
  name: string;
  zihao: string;
  uscc: string;
  address: string;
  location: Lonlat;
  /** Fallback if the location misses the region polygon (only points near a seat can). */
  seat: Lonlat | null;
  city: string;
  sourceRegion: string | null;
  regionId: number | null;
  isLocal: boolean;
  industry: string;
  capital: number;
  revenue: number;
  employees: number;
  tags: Tag[];
  nodes: { nodeId: number; output: number }[];
  parkId: number | null;
}

interface City { key: string; name: string; short: string; code: string; at: Lonlat; source: string }

// Real city centres (nudged inland for coastal cities so the jitter stays on land) and a plausible
// GB/T 2260 code for the USCC of a company registered there.
export const CITIES: City[] = [
  { key: 'shanghai', name: '上海市', short: '上海', code: '310115', at: [121.4, 31.2], source: '长三角' },
  { key: 'suzhou', name: '苏州市', short: '苏州', code: '320500', at: [120.58, 31.3], source: '长三角' },
  { key: 'wuxi', name: '无锡市', short: '无锡', code: '320200', at: [120.31, 31.49], source: '长三角' },
  { key: 'hangzhou', name: '杭州市', short: '杭州', code: '330100', at: [120.16, 30.27], source: '长三角' },
  { key: 'ningbo', name: '宁波市', short: '宁波', code: '330200', at: [121.5, 29.85], source: '长三角' },
  { key: 'nanjing', name: '南京市', short: '南京', code: '320100', at: [118.8, 32.06], source: '长三角' },
  { key: 'hefei', name: '合肥市', short: '合肥', code: '340100', at: [117.23, 31.82], source: '长三角' },
  { key: 'shenzhen', name: '深圳市', short: '深圳', code: '440300', at: [114.03, 22.62], source: '珠三角' },
  { key: 'guangzhou', name: '广州市', short: '广州', code: '440100', at: [113.3, 23.16], source: '珠三角' },
  { key: 'dongguan', name: '东莞市', short: '东莞', code: '441900', at: [113.75, 23.02], source: '珠三角' },
  { key: 'foshan', name: '佛山市', short: '佛山', code: '440600', at: [113.12, 23.02], source: '珠三角' },
  { key: 'beijing', name: '北京市', short: '北京', code: '110108', at: [116.38, 39.93], source: '京津冀' },
  { key: 'tianjin', name: '天津市', short: '天津', code: '120116', at: [117.2, 39.1], source: '京津冀' },
  { key: 'qingdao', name: '青岛市', short: '青岛', code: '370200', at: [120.25, 36.25], source: '山东半岛' },
  { key: 'zhengzhou', name: '郑州市', short: '郑州', code: '410100', at: [113.63, 34.75], source: '中原' },
  { key: 'wuhan', name: '武汉市', short: '武汉', code: '420100', at: [114.31, 30.59], source: '长江中游' },
  { key: 'changsha', name: '长沙市', short: '长沙', code: '430100', at: [112.94, 28.23], source: '长江中游' },
  { key: 'chengdu', name: '成都市', short: '成都', code: '510100', at: [104.07, 30.57], source: '成渝' },
  { key: 'xian', name: '西安市', short: '西安', code: '610100', at: [108.94, 34.34], source: '关中' },
];

// Local industries outside the four chains, by region code: what each county is known for.
const LOCAL_INDUSTRIES: Record<string, { industry: string; words: string[] }[]> = {
  '411402': [{ industry: 'C3499', words: ['机械设备', '智能装备'] }, { industry: 'C3990', words: ['电子科技'] }, { industry: 'C3311', words: ['钢结构'] }],
  '411403': [{ industry: 'C2740', words: ['药业'] }, { industry: 'C1419', words: ['食品', '烘焙食品'] }, { industry: 'G5920', words: ['仓储'] }],
  '411421': [{ industry: 'C1515', words: ['酒业'] }, { industry: 'C2231', words: ['包装'] }],
  '411422': [{ industry: 'C1952', words: ['鞋业', '皮具'] }, { industry: 'C1954', words: ['鞋材'] }, { industry: 'C3976', words: ['光电'] }],
  '411423': [{ industry: 'C1373', words: ['果业'] }, { industry: 'C3021', words: ['新型建材'] }],
  '411424': [{ industry: 'C1469', words: ['调味品', '辣椒制品'] }, { industry: 'C1371', words: ['农产品'] }],
  '411425': [{ industry: 'C3322', words: ['工量具', '五金工具'] }, { industry: 'C3329', words: ['量具'] }],
  '411426': [{ industry: 'C1810', words: ['服饰'] }, { industry: 'C1711', words: ['棉纺'] }],
  '411481': [{ industry: 'C1312', words: ['面业'] }, { industry: 'C3262', words: ['铝业', '铝材'] }, { industry: 'C2614', words: ['化工'] }, { industry: 'B0610', words: ['能源'] }],
  '411499': [{ industry: 'I6513', words: ['数字科技', '软件'] }, { industry: 'G5920', words: ['供应链'] }, { industry: 'F5292', words: ['网络科技'] }],
};
const LOCAL_REGION_WEIGHTS: [string, number][] = [
  ['411402', 12], ['411403', 12], ['411421', 8], ['411422', 10], ['411423', 7], ['411424', 7], ['411425', 10], ['411426', 10], ['411481', 14], ['411499', 10],
];

export interface EnterpriseWorld {
  enterprises: Enterprise[];
  local: Enterprise[];
  outside: Enterprise[];
  owners: { chainId: number; enterpriseId: number }[];
  relations: { supplierId: number; customerId: number; note: string }[];
}

interface Ctx {
  rng: Rng;
  book: NameBook;
  regions: RegionInfo[];
  parks: ParkInfo[];
  parcels: Parcel[];
  chains: Chain[];
  scale: number;
}

type PlanCtx = Ctx & { parcelIndex: ParcelIndex };

export function planEnterprises(input: Ctx): EnterpriseWorld {
  const ctx: PlanCtx = { ...input, parcelIndex: new ParcelIndex(input.parcels) };
  const local = planLocal(ctx);
  const outside = planOutside(ctx);
  const enterprises = [...local, ...outside];
  enterprises.forEach((e, i) => (e.id = i + 1));
  const owners = pickOwners(ctx, local);
  const relations = planRelations(ctx, local, outside, owners);
  return { enterprises, local, outside, owners, relations };
}

const nodeById = (chains: Chain[]) => new Map(chains.flatMap((c) => c.nodes).map((n) => [n.id, n] as const));

function planLocal(ctx: PlanCtx): Enterprise[] {
  const { rng, chains, scale } = ctx;
  const total = Math.round(300 * scale);
  const nodes = chains.flatMap((c) => c.nodes);
  // Strong nodes beat their benchmark on both count and output, weak ones fall short on both, missing have none.
  const wanted = nodes.map((n) => {
    const r = rng.fork(`local-count-${n.id}`);
    if (n.strength === 'strong') return Math.max(n.benchmarkCount, Math.round((n.benchmarkCount + r.int(1, 3)) * Math.sqrt(scale)));
    if (n.strength === 'weak') return r.int(1, Math.max(1, n.benchmarkCount - 1));
    return 0;
  });
  const sum = wanted.reduce((s, w) => s + w, 0);
  // At tiny scales there are not enough local firms for the full picture; shrink proportionally.
  const counts = sum > total ? apportion(total, wanted) : wanted;
  const out: Enterprise[] = [];
  for (const [i, node] of nodes.entries()) {
    const n = counts[i];
    if (n === 0) continue;
    const r = rng.fork(`local-node-${node.id}`);
    const chain = chains.find((c) => c.id === node.chainId)!;
    const target = node.strength === 'strong'
      ? node.benchmarkOutput * r.float(1.2, 2.2) * Math.max(1, Math.sqrt(scale))
      : node.benchmarkOutput * r.float(0.15, 0.6);
    const weights = Array.from({ length: n }, () => r.logUniform(1, 6));
    const wsum = weights.reduce((s, w) => s + w, 0);
    for (let k = 0; k < n; k++) {
      const output = round2((target * weights[k]) / wsum);
      const revenue = Math.round(output / r.float(0.7, 1.0) / 10) * 10 + 10;
      const regionCode = r.weighted(chain.regions);
      const e = localEnterprise(ctx, r, regionCode, node.industry, r.pick(node.words), revenue, node.industry.startsWith('A') ? 0.1 : 0.8, chain.parks);
      e.nodes.push({ nodeId: node.id, output });
      out.push(e);
    }
  }
  // A few integrated firms also work a second strong node of the same chain (never a weak or missing one).
  const byNode = nodeById(chains);
  for (const e of out) {
    const own = byNode.get(e.nodes[0].nodeId)!;
    if (own.strength !== 'strong' || !rng.chance(0.12)) continue;
    const other = chains.find((c) => c.id === own.chainId)!.nodes.filter((n) => n.strength === 'strong' && n.id !== own.id);
    if (other.length === 0) continue;
    e.nodes.push({ nodeId: rng.pick(other).id, output: round2(e.revenue * rng.float(0.05, 0.2)) });
  }
  const r = rng.fork('local-other');
  while (out.length < total) {
    const regionCode = r.weighted(LOCAL_REGION_WEIGHTS);
    const kind = r.pick(LOCAL_INDUSTRIES[regionCode]);
    const tertiary = /^[FGI]/.test(kind.industry);
    out.push(localEnterprise(ctx, r, regionCode, kind.industry, r.pick(kind.words), Math.round(r.logUniform(300, 60000) / 10) * 10, tertiary ? 0.2 : 0.65, []));
  }
  return out;
}

function localEnterprise(ctx: PlanCtx, rng: Rng, regionCode: string, industry: string, word: string, revenue: number, parkChance: number, chainParks: [string, number][]): Enterprise {
  const region = ctx.regions.find((r) => r.code === regionCode)!;
  const regionParks = ctx.parks.filter((p) => p.regionId === region.id);
  const preferred = regionParks.filter((p) => chainParks.some(([k]) => k === p.key));
  let location: Lonlat;
  let seat: Lonlat | null = null;
  let park: ParkInfo | null = null;
  if (regionParks.length > 0 && rng.chance(parkChance)) {
    park = rng.pick(preferred.length > 0 ? preferred : regionParks);
    location = pointOnParcel(ctx.parcelIndex, park.id, rng);
  } else {
    location = nearSeat(region, rng, 4);
    seat = region.seat;
  }
  const capital = Math.round(Math.min(revenue * rng.float(0.05, 0.5), 100000) + 50);
  const employees = Math.max(8, Math.round(revenue / rng.float(40, 150)));
  const tags: Tag[] = [];
  if (/^C/.test(industry) && rng.chance(0.12)) tags.push('high_tech');
  if (revenue > 5000 && rng.chance(0.04)) tags.push('little_giant');
  if (rng.chance(0.02)) tags.push('gazelle');
  const place = region.short;
  const suffix = revenue > 150000 && rng.chance(0.5) ? '集团有限公司' : rng.chance(0.08) ? '股份有限公司' : '有限公司';
  const { name, zihao } = ctx.book.company(rng, rng.chance(0.05) ? '河南' : place, word, suffix);
  const where = region.name.startsWith('商丘市') ? region.name : `商丘市${region.name}`;
  return {
    id: 0, name, zihao, uscc: ctx.book.uscc(rng, region.code),
    address: `河南省${where}${park ? park.short : ''}${rng.pick(ROADS)}${rng.int(1, 399)}号`,
    location, seat, city: '商丘市', sourceRegion: null, regionId: region.id, isLocal: true, industry,
    capital, revenue, employees, tags, nodes: [], parkId: park?.id ?? null,
  };
}

/** A point inside a built parcel of the park (any parcel if none is built yet). */
export function pointOnParcel(parcels: ParcelIndex, parkId: number, rng: Rng): Lonlat {
  const developed = parcels.builtIn(parkId);
  const pool = developed.length > 0 ? developed : parcels.inPark(parkId);
  if (pool.length === 0) throw new Error(`park ${parkId} has no parcels`);
  const [x0, y0, x1, y1] = rng.pick(pool).rect;
  return [x0 + (x1 - x0) * rng.float(0.2, 0.8), y0 + (y1 - y0) * rng.float(0.2, 0.8)];
}

function planOutside(ctx: Ctx): Enterprise[] {
  const { rng, chains, scale } = ctx;
  const total = Math.round(500 * scale);
  const nodes = chains.flatMap((c) => c.nodes);
  // Gap nodes need many candidates to choose from; strong nodes get a few (for 强链 comparisons).
  const weights = nodes.map((n) => (n.strength === 'strong' ? 1 : n.strength === 'weak' ? 3 : n.inPlan ? 3.5 : 2));
  const counts = apportion(total, weights);
  const out: Enterprise[] = [];
  for (const [i, node] of nodes.entries()) {
    const r = rng.fork(`outside-${node.id}`);
    const chain = chains.find((c) => c.id === node.chainId)!;
    for (let k = 0; k < counts[i]; k++) out.push(outsideEnterprise(ctx, r, chain, node));
  }
  return out;
}

function outsideEnterprise(ctx: Ctx, rng: Rng, chain: Chain, node: ChainNode): Enterprise {
  const cityKey = rng.weighted(chain.cities);
  const city = CITIES.find((c) => c.key === cityKey)!;
  const tags: Tag[] = [];
  const add = (t: Tag, p: number) => { if (rng.chance(p)) tags.push(t); };
  add('global500', 0.03); add('china500', 0.08); add('industry_leader', 0.15); add('listed', 0.22);
  add('little_giant', 0.12); add('high_tech', 0.45); add('gazelle', 0.06); add('unicorn', 0.02);
  const big = tags.includes('global500') || tags.includes('china500');
  const revenue = Math.round((big ? rng.logUniform(1_000_000, 8_000_000) : tags.includes('listed') || tags.includes('industry_leader') ? rng.logUniform(100_000, 2_000_000) : rng.logUniform(5000, 300_000)) / 10) * 10;
  const capital = Math.round(Math.min(revenue * rng.float(0.03, 0.3), 500_000) + 500);
  const employees = Math.max(30, Math.round(revenue / rng.float(80, 250)));
  const suffix = tags.includes('listed') ? '股份有限公司' : big ? '集团有限公司' : '有限公司';
  const { name, zihao } = ctx.book.company(rng, city.short, rng.pick(node.words), suffix);
  const m = metresPerDegree(city.at[1]);
  const jitter = 4500;
  return {
    id: 0, name, zihao, uscc: ctx.book.uscc(rng, city.code),
    address: `${city.name}${rng.pick(['高新技术产业开发区', '经济技术开发区', '工业园区'])}${rng.pick(ROADS)}${rng.int(1, 999)}号`,
    location: [city.at[0] + rng.float(-jitter, jitter) / m.x, city.at[1] + rng.float(-jitter, jitter) / m.y], seat: null,
    city: city.name, sourceRegion: city.source, regionId: null, isLocal: false, industry: node.industry,
    capital, revenue, employees, tags, nodes: [{ nodeId: node.id, output: round2(revenue * rng.float(0.3, 0.9)) }], parkId: null,
  };
}

function pickOwners(ctx: Ctx, local: Enterprise[]): { chainId: number; enterpriseId: number }[] {
  const byNode = nodeById(ctx.chains);
  const owners: { chainId: number; enterpriseId: number }[] = [];
  for (const chain of ctx.chains) {
    const r = ctx.rng.fork(`owners-${chain.id}`);
    const candidates = local
      .filter((e) => e.nodes.some((n) => byNode.get(n.nodeId)!.chainId === chain.id && byNode.get(n.nodeId)!.strength === 'strong'))
      .sort((a, b) => b.revenue - a.revenue || a.id - b.id);
    for (const e of candidates.slice(0, r.int(2, 3))) {
      owners.push({ chainId: chain.id, enterpriseId: e.id });
      if (!e.tags.includes('industry_leader')) e.tags.push('industry_leader');
      if (r.chance(0.3) && !e.tags.includes('high_tech')) e.tags.push('high_tech');
    }
  }
  return owners;
}

const SEGMENT_ORDER = { upstream: 0, midstream: 1, downstream: 2 } as const;

function planRelations(ctx: Ctx, local: Enterprise[], outside: Enterprise[], owners: { chainId: number; enterpriseId: number }[]) {
  const r = ctx.rng.fork('relations');
  const byNode = nodeById(ctx.chains);
  const seen = new Set<string>();
  const relations: { supplierId: number; customerId: number; note: string }[] = [];
  const add = (s: Enterprise, c: Enterprise) => {
    const key = `${s.id}-${c.id}`;
    if (s.id === c.id || seen.has(key) || seen.has(`${c.id}-${s.id}`)) return;
    seen.add(key);
    const what = r.pick(['长期配套供货', '年度框架采购协议', '战略合作供应商', '定点配套', '原料定点采购']);
    relations.push({ supplierId: s.id, customerId: c.id, note: `${what}，年交易额约${r.int(3, 300) * 100}万元` });
  };
  const at = (list: Enterprise[], nodeId: number) => list.filter((e) => e.nodes.some((n) => n.nodeId === nodeId));
  // Local firms along the chain: a node's enterprises supply the enterprises of its child nodes.
  for (const node of ctx.chains.flatMap((c) => c.nodes)) {
    if (node.parentId === null) continue;
    const suppliers = at(local, node.parentId);
    const customers = at(local, node.id);
    if (suppliers.length === 0 || customers.length === 0) continue;
    const pairs = Math.min(suppliers.length * customers.length, Math.round(r.int(1, 3) * Math.sqrt(ctx.scale)));
    for (let k = 0; k < pairs; k++) add(r.pick(suppliers), r.pick(customers));
  }
  // Outside firms already trading with a chain owner: the 以商引商 lead for gap nodes.
  for (const o of owners) {
    const owner = local.find((e) => e.id === o.enterpriseId)!;
    const ownerSeg = SEGMENT_ORDER[byNode.get(owner.nodes[0].nodeId)!.segment];
    const partners = outside.filter((e) => {
      const n = byNode.get(e.nodes[0].nodeId)!;
      return n.chainId === o.chainId && n.strength !== 'strong';
    });
    for (const p of r.sample(partners, Math.round(r.int(2, 4) * Math.sqrt(ctx.scale)))) {
      const seg = SEGMENT_ORDER[byNode.get(p.nodes[0].nodeId)!.segment];
      if (seg <= ownerSeg) add(p, owner);
      else add(owner, p);
    }
  }
  return relations;
}

export async function insertEnterprises(sql: Sql, world: EnterpriseWorld): Promise<void> {
  await insertRows(sql, 'enterprise', {
    id: 'int', name: 'text', uscc: 'text', address: 'text', city: 'text', source_region: 'text', region_id: 'int',
    is_local: 'boolean', industry_code: 'text', registered_capital: 'numeric', revenue: 'numeric', employees: 'int',
    tags: 'text[]', synthetic: 'boolean', _x: 'float8', _y: 'float8', _sx: 'float8', _sy: 'float8',
  }, world.enterprises.map((e) => ({
    id: e.id, name: e.name, uscc: e.uscc, address: e.address, city: e.city, source_region: e.sourceRegion, region_id: e.regionId,
    is_local: e.isLocal, industry_code: e.industry, registered_capital: e.capital, revenue: e.revenue, employees: e.employees,
    tags: e.tags, synthetic: true, _x: e.location[0], _y: e.location[1],
    _sx: (e.seat ?? e.location)[0], _sy: (e.seat ?? e.location)[1],
  })), { location: `CASE WHEN r.region_id IS NULL THEN ST_SetSRID(ST_MakePoint(r._x, r._y), 4326) ELSE ${POINT_IN_REGION} END` });
  await insertRows(sql, 'enterprise_relation', { supplier_id: 'int', customer_id: 'int', note: 'text' },
    world.relations.map((r) => ({ supplier_id: r.supplierId, customer_id: r.customerId, note: r.note })));
  await insertRows(sql, 'chain_owner', { chain_id: 'int', enterprise_id: 'int' },
    world.owners.map((o) => ({ chain_id: o.chainId, enterprise_id: o.enterpriseId })));
  await insertRows(sql, 'enterprise_chain_node', { enterprise_id: 'int', chain_node_id: 'int', output: 'numeric' },
    world.enterprises.flatMap((e) => e.nodes.map((n) => ({ enterprise_id: e.id, chain_node_id: n.nodeId, output: n.output }))));
}
