import { Field, Float, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { Geometry } from 'geojson';
import { GeoJSONScalar } from '../../common/geojson.scalar';
import { LocalDateScalar } from '../../common/local-date.scalar';
import { numericTransformer } from '../../common/numeric';

export enum LandUse { M1 = 'M1', M2 = 'M2', M3 = 'M3', W = 'W', B = 'B', R = 'R', A = 'A', G = 'G', RESERVE = 'reserve' }
registerEnumType(LandUse, {
  name: 'LandUse',
  description: '用地性质 land-use class',
  valuesConfig: {
    M1: { description: '一类工业用地' }, M2: { description: '二类工业用地' }, M3: { description: '三类工业用地' },
    W: { description: '物流仓储用地' }, B: { description: '商业服务业设施用地' }, R: { description: '居住用地' },
    A: { description: '公共管理与公共服务用地' }, G: { description: '绿地与广场用地' }, RESERVE: { description: '储备/未规划' },
  },
});

export enum SupplyStatus { RESERVE = 'reserve', AVAILABLE = 'available', SUPPLIED = 'supplied', UNDER_CONSTRUCTION = 'under_construction', BUILT = 'built', IDLE = 'idle' }
registerEnumType(SupplyStatus, {
  name: 'SupplyStatus',
  description: '供地状态',
  valuesConfig: {
    RESERVE: { description: '储备' }, AVAILABLE: { description: '可供' }, SUPPLIED: { description: '已供' },
    UNDER_CONSTRUCTION: { description: '在建' }, BUILT: { description: '建成' }, IDLE: { description: '闲置' },
  },
});

/** 地块: a land parcel with its land-use class and supply status. */
@ObjectType({ description: '地块 land parcel.' })
@Entity('parcel')
export class Parcel {
  @Field(() => ID) @PrimaryGeneratedColumn() id: number;
  @Field(() => String) @Column({ type: 'text' }) code: string;
  @Column({ type: 'int', name: 'park_id', nullable: true }) parkId: number | null;
  @Field(() => GeoJSONScalar) @Column({ type: 'geometry', spatialFeatureType: 'MultiPolygon', srid: 4326 }) geom: Geometry;
  // Stored generated column: geodesic area (see migration).
  @Column({ type: 'double precision', name: 'area_m2', insert: false, update: false }) areaM2: number;
  @Field(() => LandUse) @Column({ type: 'enum', enum: LandUse, enumName: 'land_use', name: 'land_use' }) landUse: LandUse;
  @Field(() => SupplyStatus) @Column({ type: 'enum', enum: SupplyStatus, enumName: 'supply_status', name: 'supply_status' }) supplyStatus: SupplyStatus;
  @Field(() => Float, { nullable: true, description: '容积率 (planned floor-area ratio)' })
  @Column({ type: 'numeric', name: 'floor_area_ratio', nullable: true, transformer: numericTransformer }) floorAreaRatio: number | null;
  @Field(() => Float, { nullable: true, description: 'Achieved floor-area ratio' })
  @Column({ type: 'numeric', name: 'built_far', nullable: true, transformer: numericTransformer }) builtFar: number | null;
  @Field(() => Float, { nullable: true, description: '万元' })
  @Column({ type: 'numeric', name: 'land_price', nullable: true, transformer: numericTransformer }) landPrice: number | null;
  @Field(() => LocalDateScalar, { nullable: true }) @Column({ type: 'date', name: 'supplied_on', nullable: true }) suppliedOn: string | null;
  @Column({ type: 'int', name: 'project_id', nullable: true }) projectId: number | null;
}
