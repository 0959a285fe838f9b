import { Arg, Ctx, Field, FieldResolver, Float, ID, ObjectType, Query, Resolver, Root } from 'type-graphql';
import type { AtlasContext } from '../../common/context';
import { parseId } from '../../common/filters';
import { M2_PER_MU } from '../../common/numeric';
import { requireUser } from '../../auth/policy';
import { Enterprise } from '../enterprise';
import { Parcel } from '../parcel';
import { Park, parkById } from '../park';
import { Project } from '../project';
import { FitCheck, MuGrade, MuYield, ParcelLandFlags, ParkCapacity, Site, SiteSearchResult } from './planning.entity';
import { SiteCriteria } from './planning.inputs';
import { enterpriseYields, parcelFlags, parkCapacity } from './planning.loader';
import { GRADE_THRESHOLDS } from './planning.sql';
import { PlanningService } from './planning.service';

@ObjectType({ description: 'The least output and tax per 亩 a 亩均 grade needs (both must be met).' })
export class MuGradeThreshold {
  @Field(() => MuGrade) grade: MuGrade;
  @Field(() => Float, { description: '万元/亩/年' }) minOutputPerMu: number;
  @Field(() => Float, { description: '万元/亩/年' }) minTaxPerMu: number;
}

const mu = (m2: unknown) => Number(m2 ?? 0) / M2_PER_MU;

@Resolver()
export class PlanningResolver {
  @Query(() => SiteSearchResult, { description: 'Site finder: single parcels and contiguous groups of parcels that meet a land need, ranked.' })
  findSites(@Arg('criteria', () => SiteCriteria) criteria: SiteCriteria, @Ctx() ctx: AtlasContext) {
    requireUser(ctx.user);
    return new PlanningService(ctx.db).findSites(criteria);
  }

  @Query(() => FitCheck, { description: 'Fit check of a project against its park (land, intensity floor, main industries).' })
  fitCheck(@Arg('projectId', () => ID) projectId: string, @Ctx() ctx: AtlasContext) {
    requireUser(ctx.user);
    return new PlanningService(ctx.db).fitCheck(parseId('projectId', projectId));
  }

  @Query(() => [MuGradeThreshold], { description: '亩均 grade thresholds, best grade first; below every row is D.' })
  async muGradeThresholds(@Ctx() ctx: AtlasContext): Promise<MuGradeThreshold[]> {
    requireUser(ctx.user);
    const rows: { grade: MuGrade; min_output: number; min_tax: number }[] = await ctx.db.query(GRADE_THRESHOLDS);
    return rows.map((r) => ({ grade: r.grade, minOutputPerMu: r.min_output, minTaxPerMu: r.min_tax }));
  }
}

@Resolver(() => Site)
export class SiteResolver {
  @FieldResolver(() => Park, { nullable: true })
  park(@Root() s: Site, @Ctx() ctx: AtlasContext) { return s.parkId ? parkById(ctx).load(s.parkId) : null; }
}

@Resolver(() => Park)
export class ParkPlanningResolver {
  @FieldResolver(() => ParkCapacity, { description: 'Land left, idle land, 圈大建小, largest contiguous site and factory floor.' })
  async capacity(@Root() p: Park, @Ctx() ctx: AtlasContext): Promise<ParkCapacity> {
    const c = await parkCapacity(ctx).load(p.id);
    return {
      availableMu: mu(c?.available_m2), idleMu: mu(c?.idle_m2), idleParcelCount: c?.idle_count ?? 0, lowBuildMu: mu(c?.low_build_m2),
      lowBuildParcelCount: c?.low_build_count ?? 0, largestSiteMu: mu(c?.largest_site_m2),
      factoryFloorM2: Number(c?.floor_m2 ?? 0), vacantFloorM2: Number(c?.vacant_floor_m2 ?? 0),
    };
  }

  @FieldResolver(() => MuYield, { nullable: true, description: '亩均 figures of the enterprises in the park (latest year each); null without any.' })
  async muYield(@Root() p: Park, @Ctx() ctx: AtlasContext): Promise<MuYield | null> {
    const c = await parkCapacity(ctx).load(p.id);
    if (!c || !c.grade || c.output_per_mu === null || c.tax_per_mu === null) return null;
    return {
      year: null, landMu: Number(c.yield_land_mu), output: Number(c.yield_output), tax: Number(c.yield_tax),
      outputPerMu: c.output_per_mu, taxPerMu: c.tax_per_mu, grade: c.grade as MuGrade, synthetic: c.yield_synthetic ?? false,
    };
  }
}

@Resolver(() => Parcel)
export class ParcelPlanningResolver {
  @FieldResolver(() => ParcelLandFlags, { description: '闲置 and 圈大建小 flags.' })
  async landFlags(@Root() p: Parcel, @Ctx() ctx: AtlasContext): Promise<ParcelLandFlags> {
    const f = await parcelFlags(ctx).load(p.id);
    return { idle: f?.is_idle ?? false, lowBuild: f?.is_low_build ?? false };
  }
}

@Resolver(() => Enterprise)
export class EnterprisePlanningResolver {
  @FieldResolver(() => MuYield, { nullable: true, description: '亩均 figures of the latest year, graded; null without land data.' })
  async muYield(@Root() e: Enterprise, @Ctx() ctx: AtlasContext): Promise<MuYield | null> {
    const y = await enterpriseYields(ctx).load(e.id);
    if (!y) return null;
    return {
      year: y.year, landMu: y.land_mu, output: y.output, tax: y.tax, outputPerMu: y.output_per_mu, taxPerMu: y.tax_per_mu,
      grade: y.grade as MuGrade, synthetic: y.synthetic,
    };
  }
}

@Resolver(() => Project)
export class ProjectPlanningResolver {
  @FieldResolver(() => FitCheck, { description: 'Fit check against the project’s park (land, intensity floor, main industries).' })
  fitCheck(@Root() p: Project, @Ctx() ctx: AtlasContext) { return new PlanningService(ctx.db).fitCheck(p.id); }
}
