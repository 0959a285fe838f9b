import type { GraphQLResolveInfo } from 'graphql';
import { listColumns } from '../../common/listing';
import { Arg, Args, Ctx, FieldResolver, ID, Int, ObjectType, Query, Resolver, Root, Info } from 'type-graphql';
import type { AtlasContext } from '../../common/context';
import { orNotFound } from '../../common/errors';
import { parseId } from '../../common/filters';
import { Connection, PageArgs, toConnection, toPage } from '../../common/pagination';
import { requireUser } from '../../auth/policy';
import { Region, regionById } from '../region';
import { AnnualTarget, AssessmentCategory, AssessmentCoefficient, AssessmentUnit } from './unit.entity';
import { AssessmentUnitFilter } from './unit.inputs';
import { assessmentUnitById, categoryByCode, coefficientByCategory, targetsByUnit } from './unit.loader';
import { UnitService, assertYear } from './unit.service';

@ObjectType()
export class AssessmentUnitConnection extends Connection(AssessmentUnit) {}

@Resolver(() => AssessmentUnit)
export class AssessmentUnitResolver {
  @Query(() => AssessmentUnit, { description: 'One assessment unit by id; NOT_FOUND if it does not exist.' })
  assessmentUnit(@Arg('id', () => ID) id: string, @Ctx() ctx: AtlasContext) {
    requireUser(ctx.user);
    return orNotFound(assessmentUnitById(ctx).load(parseId('id', id)), 'AssessmentUnit', id);
  }

  @Query(() => AssessmentUnitConnection, { description: 'Assessment units matching the filter, by ascending id.' })
  async assessmentUnits(
    @Args(() => PageArgs) page: PageArgs,
    @Arg('filter', () => AssessmentUnitFilter, { nullable: true }) filter: AssessmentUnitFilter | undefined, @Ctx() ctx: AtlasContext, @Info() info: GraphQLResolveInfo,
  ) {
    requireUser(ctx.user);
    return toConnection(await new UnitService(ctx.db).list(filter, toPage(page), listColumns(ctx.db, AssessmentUnit, info)));
  }

  @FieldResolver(() => Region, { nullable: true, description: 'The district/county of a district unit; null for a municipal department.' })
  region(@Root() u: AssessmentUnit, @Ctx() ctx: AtlasContext) { return u.regionId ? regionById(ctx).load(u.regionId) : null; }

  @FieldResolver(() => [AnnualTarget], { description: 'Annual targets, by year.' })
  targets(@Root() u: AssessmentUnit, @Ctx() ctx: AtlasContext) { return targetsByUnit(ctx).load(u.id); }

  @FieldResolver(() => AnnualTarget, { nullable: true, description: 'The target for one year, or null when none is set.' })
  async target(@Root() u: AssessmentUnit, @Arg('year', () => Int) year: number, @Ctx() ctx: AtlasContext) {
    assertYear(year);
    return (await targetsByUnit(ctx).load(u.id)).find((t) => t.year === year) ?? null;
  }
}

@Resolver(() => AnnualTarget)
export class AnnualTargetResolver {
  @FieldResolver(() => AssessmentUnit)
  unit(@Root() t: AnnualTarget, @Ctx() ctx: AtlasContext) { return assessmentUnitById(ctx).load(t.unitId); }
}

@Resolver(() => AssessmentCategory)
export class AssessmentCategoryResolver {
  @Query(() => [AssessmentCategory], { description: 'Project categories of the assessment (seed 004), by code.' })
  assessmentCategories(@Ctx() ctx: AtlasContext) {
    requireUser(ctx.user);
    return new UnitService(ctx.db).categories();
  }

  @Query(() => [AssessmentCoefficient], { description: 'The coefficient of every category in a year (empty when the year is not configured).' })
  assessmentCoefficients(@Arg('year', () => Int) year: number, @Ctx() ctx: AtlasContext) {
    requireUser(ctx.user);
    return new UnitService(ctx.db).coefficients(year);
  }

  @FieldResolver(() => AssessmentCoefficient, { nullable: true, description: 'Its coefficient in a year, or null when the year is not configured.' })
  coefficient(@Root() c: AssessmentCategory, @Arg('year', () => Int) year: number, @Ctx() ctx: AtlasContext) {
    return coefficientByCategory(ctx, assertYear(year)).load(c.code);
  }
}

@Resolver(() => AssessmentCoefficient)
export class AssessmentCoefficientResolver {
  @FieldResolver(() => AssessmentCategory)
  category(@Root() c: AssessmentCoefficient, @Ctx() ctx: AtlasContext) { return categoryByCode(ctx).load(c.categoryCode); }
}
