import type { Geometry } from 'geojson';
import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { GeoJSONScalar } from '../../common/geojson.scalar';
import { LandUse, SupplyStatus } from '../parcel';
import { ProjectStage } from '../project';

export enum ProjectGroupBy { REGION = 'REGION', PARK = 'PARK', STAGE = 'STAGE', CHAIN_NODE = 'CHAIN_NODE', CATEGORY = 'CATEGORY', MONTH = 'MONTH' }
registerEnumType(ProjectGroupBy, {
  name: 'ProjectGroupBy',
  valuesConfig: { REGION: { description: 'Location region' }, MONTH: { description: 'Month of signing (签约), YYYY-MM; null when not signed' }, CATEGORY: { description: 'Assessment category' } },
});
export enum ParcelGroupBy { REGION = 'REGION', PARK = 'PARK', LAND_USE = 'LAND_USE', SUPPLY_STATUS = 'SUPPLY_STATUS', MONTH = 'MONTH' }
registerEnumType(ParcelGroupBy, {
  name: 'ParcelGroupBy',
  valuesConfig: { REGION: { description: "The parcel's park's region" }, MONTH: { description: 'Month of supply (供地), YYYY-MM' } },
});
export enum FactoryBuildingGroupBy { REGION = 'REGION', PARK = 'PARK' }
registerEnumType(FactoryBuildingGroupBy, { name: 'FactoryBuildingGroupBy' });
export enum EnterpriseGroupBy { REGION = 'REGION', CHAIN_NODE = 'CHAIN_NODE' }
registerEnumType(EnterpriseGroupBy, {
  name: 'EnterpriseGroupBy',
  valuesConfig: { CHAIN_NODE: { description: 'An enterprise mapped to several nodes counts in each' } },
});

export enum GridShape { SQUARE = 'SQUARE', HEXAGON = 'HEXAGON' }
registerEnumType(GridShape, { name: 'GridShape', description: 'Cell shape for grid binning.' });

@InputType({ description: 'Bin rows into grid cells (for dense layers at low zoom); cells align to the Web Mercator origin, so they match across requests.' })
export class GridInput {
  @Field(() => GridShape) shape: GridShape;
  @Field(() => Float, { description: 'Cell size in Web Mercator metres (square side, or hexagon edge), at least 50.' }) sizeMeters: number;
}

/** One group of an aggregate: the key values it was grouped by (others null) and its counts and sums. */
@ObjectType({ description: 'One group: the keys asked for in groupBy (the others are null) and the measures of the entity.' })
export class AggregateBucket {
  @Field(() => ID, { nullable: true }) regionId: string | null;
  @Field(() => String, { nullable: true }) regionName: string | null;
  @Field(() => ID, { nullable: true }) parkId: string | null;
  @Field(() => String, { nullable: true }) parkName: string | null;
  @Field(() => ProjectStage, { nullable: true }) stage: ProjectStage | null;
  @Field(() => LandUse, { nullable: true }) landUse: LandUse | null;
  @Field(() => SupplyStatus, { nullable: true }) supplyStatus: SupplyStatus | null;
  @Field(() => ID, { nullable: true }) chainNodeId: string | null;
  @Field(() => String, { nullable: true }) chainNodeName: string | null;
  @Field(() => String, { nullable: true }) categoryCode: string | null;
  @Field(() => String, { nullable: true }) categoryName: string | null;
  @Field(() => String, { nullable: true, description: 'YYYY-MM' }) month: string | null;
  @Field(() => GeoJSONScalar, { nullable: true, description: 'The grid cell (Polygon, WGS 84) when grid was given.' }) cell: Geometry | null;

  @Field(() => Int) count: number;
  @Field(() => Float, { nullable: true, description: 'Projects: Σ 协议投资 agreed investment, 万元' }) agreedInvestment: number | null;
  @Field(() => Float, { nullable: true, description: 'Projects: Σ 实际到位资金 funds in place up to fundsAsOf, 万元' }) fundsInPlace: number | null;
  @Field(() => Float, { nullable: true, description: 'Projects: Σ land need, 亩' }) landNeedMu: number | null;
  @Field(() => Float, { nullable: true, description: 'Parcels: Σ geodesic area, 亩' }) areaMu: number | null;
  @Field(() => Float, { nullable: true, description: 'Factory buildings: Σ floor area, m²' }) floorAreaM2: number | null;
  @Field(() => Float, { nullable: true, description: 'Factory buildings: Σ vacant floor area, m²' }) vacantFloorAreaM2: number | null;
  @Field(() => Float, { nullable: true, description: 'Enterprises: Σ revenue, 万元/年' }) revenue: number | null;
  @Field(() => Float, { nullable: true, description: 'Enterprises: Σ registered capital, 万元' }) registeredCapital: number | null;
}
