import type { DataSource } from 'typeorm';
import { invalid, notFound } from '../../common/errors';
import { parseId } from '../../common/filters';
import { M2_PER_MU } from '../../common/numeric';
import { SqlBuilder, likePattern } from '../../common/sql-builder';
import { FitAspect, FitStatus, SiteKind, type FitCheck, type FitCheckItem, type Site, type SiteSearchResult } from './planning.entity';
import type { SiteCriteria } from './planning.inputs';
import { FIND_SITES, FIT_CHECK_FACTS, SITE_IN_PARK, SITE_LAND_USE_IN, SITE_PARK_HAS_INFRASTRUCTURE, SITE_PARK_INDUSTRY_MATCH, SITE_PARK_KIND_IN, SITE_PARK_LEVEL_IN, SITE_SUPPLY_STATUS_IN, SITE_WITHIN_METERS } from './planning.sql';

const fmt = (n: number, d = 1) => n.toFixed(d);

/** Site finder and fit check: where a project of N 亩 could go, and whether a project fits its park. */
export class PlanningService {
  constructor(private readonly db: DataSource) {}

  async findSites(c: SiteCriteria): Promise<SiteSearchResult> {
    if (!(Number.isFinite(c.landNeedMu) && c.landNeedMu > 0 && c.landNeedMu <= 100_000)) throw invalid('landNeedMu', `must be more than 0 and at most 100000 亩; got ${c.landNeedMu}`);
    if (c.fixedAssetInvestment != null && !(Number.isFinite(c.fixedAssetInvestment) && c.fixedAssetInvestment >= 0)) {
      throw invalid('fixedAssetInvestment', `must be 0 or more 万元; got ${c.fixedAssetInvestment}`);
    }
    const first = c.first ?? 20;
    if (!(Number.isInteger(first) && first >= 1 && first <= 200)) throw invalid('first', `must be a whole number from 1 to 200; got ${first}`);
    const near = c.near ?? null;
    if (near) {
      if (!(near.lon >= -180 && near.lon <= 180 && near.lat >= -90 && near.lat <= 90)) throw invalid('near', 'lon/lat must be WGS 84 degrees');
      if (near.meters != null && !(near.meters > 0 && near.meters <= 200_000)) throw invalid('near.meters', 'must be greater than 0 and at most 200000');
    }
    const b = new SqlBuilder();
    // $1–$5 are FIND_SITES' fixed parameters.
    b.param(c.landNeedMu * M2_PER_MU);
    b.param(c.fixedAssetInvestment ?? null);
    b.param(near?.lon ?? null);
    b.param(near?.lat ?? null);
    b.param(first);
    b.and(SITE_SUPPLY_STATUS_IN(b.param(c.supplyStatuses?.length ? c.supplyStatuses : ['available'])));
    if (c.landUses?.length) b.and(SITE_LAND_USE_IN(b.param(c.landUses)));
    if (c.parkId != null) b.and(SITE_IN_PARK(b.param(parseId('parkId', c.parkId))));
    if (c.parkLevels?.length) b.and(SITE_PARK_LEVEL_IN(b.param(c.parkLevels)));
    if (c.parkKinds?.length) b.and(SITE_PARK_KIND_IN(b.param(c.parkKinds)));
    if (c.industry?.trim()) b.and(SITE_PARK_INDUSTRY_MATCH(b.param(likePattern(c.industry.trim()))));
    if (c.infrastructure?.length) b.and(SITE_PARK_HAS_INFRASTRUCTURE(b.param(c.infrastructure)));
    if (near?.meters != null) {
      b.and(SITE_WITHIN_METERS(b.param(near.lon), b.param(near.lat), b.param(near.meters)));
    }
    const rows: {
      kind: string; parcel_ids: number[]; park_id: number | null; area_m2: number; floor: number | null; intensity: number | null;
      distance_m: number | null; meets_floor: boolean; outline: Site['outline']; total: number;
    }[] = await this.db.query(FIND_SITES(b.where), b.params);
    return {
      totalCount: rows[0]?.total ?? 0,
      sites: rows.map((r, i) => ({
        rank: i + 1, kind: r.kind === 'GROUP' ? SiteKind.GROUP : SiteKind.SINGLE, parcelIds: r.parcel_ids.map(String), parkId: r.park_id,
        areaMu: Number(r.area_m2) / M2_PER_MU, areaHectares: Number(r.area_m2) / 10000,
        distanceM: r.distance_m === null ? null : Number(r.distance_m), intensity: r.intensity === null ? null : Number(r.intensity),
        intensityFloor: r.floor === null ? null : Number(r.floor), meetsIntensityFloor: r.meets_floor, outline: r.outline,
      })),
    };
  }

  /** Land, intensity and industry of project `id` against its park, each PASS or WARN with the reason. */
  async fitCheck(id: number): Promise<FitCheck> {
    const [f] = await this.db.query(FIT_CHECK_FACTS, [id]);
    if (!f) throw notFound('Project', id);
    const items: FitCheckItem[] = [];
    const pass = (aspect: FitAspect, reason: string, reasonEn: string) => items.push({ aspect, status: FitStatus.PASS, reason, reasonEn });
    const warn = (aspect: FitAspect, reason: string, reasonEn: string) => items.push({ aspect, status: FitStatus.WARN, reason, reasonEn });
    const need: number | null = f.land_need_mu;
    const hasPark = f.park_id !== null;

    // Land: parcels already on the project, or else one contiguous available site in the park.
    const own = Number(f.own_parcel_m2) / M2_PER_MU;
    const largest = Number(f.largest_site_m2 ?? 0) / M2_PER_MU;
    const available = Number(f.available_m2 ?? 0) / M2_PER_MU;
    if (need === null || need <= 0) warn(FitAspect.LAND, '未填写用地需求（亩）', 'No land need (亩) recorded');
    else if (own >= need) pass(FitAspect.LAND, `已落实地块 ${fmt(own)} 亩，满足用地需求 ${fmt(need)} 亩`, `Parcels on the project cover ${fmt(own)} 亩 of the ${fmt(need)} 亩 needed`);
    else if (!hasPark) warn(FitAspect.LAND, `用地需求 ${fmt(need)} 亩，项目未落园区`, `Needs ${fmt(need)} 亩 but has no park`);
    else if (largest >= need) pass(FitAspect.LAND, `${f.park_name}最大连片可供地 ${fmt(largest)} 亩，满足用地需求 ${fmt(need)} 亩`, `${f.park_name}'s largest contiguous available site (${fmt(largest)} 亩) covers the ${fmt(need)} 亩 needed`);
    else if (available >= need) warn(FitAspect.LAND, `${f.park_name}可供地共 ${fmt(available)} 亩，但最大连片仅 ${fmt(largest)} 亩，不足 ${fmt(need)} 亩`, `${f.park_name} has ${fmt(available)} 亩 available, but its largest contiguous site is only ${fmt(largest)} 亩 of the ${fmt(need)} 亩 needed`);
    else warn(FitAspect.LAND, `${f.park_name}可供地仅 ${fmt(available)} 亩，不足用地需求 ${fmt(need)} 亩`, `${f.park_name} has only ${fmt(available)} 亩 available of the ${fmt(need)} 亩 needed`);

    // Intensity: fixed-asset investment per 亩 against the park's floor (seed 003).
    const fai: number | null = f.fai;
    if (!hasPark) warn(FitAspect.INTENSITY, '项目未落园区，无法对照投资强度门槛', 'No park, so no intensity floor to check against');
    else if (fai === null || need === null || need <= 0) warn(FitAspect.INTENSITY, '缺少固定资产投资或用地需求，无法计算投资强度', 'Fixed-asset investment or land need missing: intensity cannot be computed');
    else {
      const intensity = fai / need;
      if (intensity >= f.floor) pass(FitAspect.INTENSITY, `投资强度 ${fmt(intensity)} 万元/亩，达到园区门槛 ${fmt(f.floor, 0)} 万元/亩`, `Intensity ${fmt(intensity)} 万元/亩 meets the park floor of ${fmt(f.floor, 0)}`);
      else warn(FitAspect.INTENSITY, `投资强度 ${fmt(intensity)} 万元/亩，低于园区门槛 ${fmt(f.floor, 0)} 万元/亩`, `Intensity ${fmt(intensity)} 万元/亩 is below the park floor of ${fmt(f.floor, 0)}`);
    }

    // Industry: the park's main industries against the project's chain and chain node (and the node's ancestors).
    const industries: string[] = f.main_industries ?? [];
    const words: string[] = [f.chain_name, ...(f.node_path ?? [])].filter((w): w is string => !!w);
    if (!hasPark) warn(FitAspect.INDUSTRY, '项目未落园区，无法对照主导产业', 'No park, so no main industries to check against');
    else if (words.length === 0) warn(FitAspect.INDUSTRY, '项目未关联产业链环节', 'The project is not linked to a chain node');
    else {
      const hit = industries.find((i) => words.some((w) => w.includes(i) || i.includes(w)));
      if (hit) pass(FitAspect.INDUSTRY, `符合园区主导产业“${hit}”`, `Matches the park's main industry “${hit}”`);
      else warn(FitAspect.INDUSTRY, `产业链“${words.join(' / ')}”不在园区主导产业（${industries.join('、') || '无'}）之内`, `Chain “${words.join(' / ')}” is not among the park's main industries (${industries.join(', ') || 'none'})`);
    }
    return { status: items.some((i) => i.status === FitStatus.WARN) ? FitStatus.WARN : FitStatus.PASS, items };
  }
}
