import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import { requireUser } from '../../auth/policy';
import { LocalDateScalar } from '../../common/local-date.scalar';
import type { AtlasContext } from '../../common/context';
import { EnterpriseFilter } from '../enterprise';
import { FactoryBuildingFilter } from '../factory-building';
import { ParcelFilter } from '../parcel';
import { ProjectFilter } from '../project';
import { AggregateBucket, EnterpriseGroupBy, FactoryBuildingGroupBy, GridInput, ParcelGroupBy, ProjectGroupBy } from './aggregate.entity';
import { AggregateService } from './aggregate.service';

@Resolver()
export class AggregateResolver {
  @Query(() => [AggregateBucket], { description: 'Project counts, Σ agreed investment, Σ funds in place and Σ land need, grouped; same filter as projects.' })
  projectAggregates(
    @Ctx() ctx: AtlasContext,
    @Arg('groupBy', () => [ProjectGroupBy], { defaultValue: [] }) groupBy: ProjectGroupBy[],
    @Arg('filter', () => ProjectFilter, { nullable: true }) filter?: ProjectFilter,
    @Arg('grid', () => GridInput, { nullable: true }) grid?: GridInput,
    @Arg('fundsAsOf', () => LocalDateScalar, { nullable: true, description: 'Count fund arrivals up to this date; today by default.' }) fundsAsOf?: string,
  ) {
    requireUser(ctx.user);
    return new AggregateService(ctx.db).projects(filter, groupBy, grid, fundsAsOf);
  }

  @Query(() => [AggregateBucket], { description: 'Parcel counts and Σ area in 亩, grouped; same filter as parcels.' })
  parcelAggregates(
    @Ctx() ctx: AtlasContext,
    @Arg('groupBy', () => [ParcelGroupBy], { defaultValue: [] }) groupBy: ParcelGroupBy[],
    @Arg('filter', () => ParcelFilter, { nullable: true }) filter?: ParcelFilter,
    @Arg('grid', () => GridInput, { nullable: true }) grid?: GridInput,
  ) {
    requireUser(ctx.user);
    return new AggregateService(ctx.db).parcels(filter, groupBy, grid);
  }

  @Query(() => [AggregateBucket], { description: 'Factory building counts, Σ floor and Σ vacant floor area, grouped; same filter as factoryBuildings.' })
  factoryBuildingAggregates(
    @Ctx() ctx: AtlasContext,
    @Arg('groupBy', () => [FactoryBuildingGroupBy], { defaultValue: [] }) groupBy: FactoryBuildingGroupBy[],
    @Arg('filter', () => FactoryBuildingFilter, { nullable: true }) filter?: FactoryBuildingFilter,
    @Arg('grid', () => GridInput, { nullable: true }) grid?: GridInput,
  ) {
    requireUser(ctx.user);
    return new AggregateService(ctx.db).factoryBuildings(filter, groupBy, grid);
  }

  @Query(() => [AggregateBucket], { description: 'Enterprise counts, Σ revenue and Σ registered capital, grouped; same filter as enterprises.' })
  enterpriseAggregates(
    @Ctx() ctx: AtlasContext,
    @Arg('groupBy', () => [EnterpriseGroupBy], { defaultValue: [] }) groupBy: EnterpriseGroupBy[],
    @Arg('filter', () => EnterpriseFilter, { nullable: true }) filter?: EnterpriseFilter,
    @Arg('grid', () => GridInput, { nullable: true }) grid?: GridInput,
  ) {
    requireUser(ctx.user);
    return new AggregateService(ctx.db).enterprises(filter, groupBy, grid);
  }
}
