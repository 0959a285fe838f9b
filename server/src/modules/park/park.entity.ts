import { Field, Float, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { Geometry } from 'geojson';
import { GeoJSONScalar } from '../../common/geojson.scalar';
import { LocalDateScalar } from '../../common/local-date.scalar';
import { numericTransformer } from '../../common/numeric';

export enum ParkLevel { NATIONAL = 'national', PROVINCIAL = 'provincial', MUNICIPAL = 'municipal', COUNTY = 'county' }
registerEnumType(ParkLevel, {
  name: 'ParkLevel',
  valuesConfig: { NATIONAL: { description: '国家级' }, PROVINCIAL: { description: '省级' }, MUNICIPAL: { description: '市级' }, COUNTY: { description: '县级' } },
});

export enum ParkKind { ETDZ = 'etdz', HIGH_TECH = 'high_tech', CLUSTER = 'cluster', BONDED = 'bonded' }
registerEnumType(ParkKind, {
  name: 'ParkKind',
  valuesConfig: { ETDZ: { description: '经济技术开发区' }, HIGH_TECH: { description: '高新技术产业开发区' }, CLUSTER: { description: '产业集聚区' }, BONDED: { description: '综合保税区' } },
});

/** 七通一平: the seven connections plus levelled land. */
export enum Infrastructure { ROAD = 'road', POWER = 'power', WATER = 'water', DRAINAGE = 'drainage', GAS = 'gas', TELECOM = 'telecom', HEAT = 'heat', LEVELLED = 'levelled' }
registerEnumType(Infrastructure, {
  name: 'Infrastructure',
  description: '七通一平',
  valuesConfig: {
    ROAD: { description: '通路' }, POWER: { description: '通电' }, WATER: { description: '通给水' }, DRAINAGE: { description: '通排水' },
    GAS: { description: '通燃气' }, TELECOM: { description: '通电信' }, HEAT: { description: '通热力' }, LEVELLED: { description: '场地平整' },
  },
});

/** 园区: an industrial park with its boundary, level, kind and investment-intensity floor. */
@ObjectType({ description: '园区 / 开发区 / 产业集聚区 industrial park.' })
@Entity('park')
export class Park {
  @Field(() => ID) @PrimaryGeneratedColumn() id: number;
  @Field(() => String) @Column({ type: 'text' }) name: string;
  @Field(() => ParkLevel) @Column({ type: 'enum', enum: ParkLevel, enumName: 'park_level' }) level: ParkLevel;
  @Field(() => ParkKind) @Column({ type: 'enum', enum: ParkKind, enumName: 'park_kind' }) kind: ParkKind;
  @Column({ type: 'int', name: 'parent_park_id', nullable: true }) parentParkId: number | null;
  @Column({ type: 'int', name: 'region_id' }) regionId: number;
  @Column({ type: 'int', name: 'administered_by_region_id', nullable: true }) administeredByRegionId: number | null;
  @Field(() => GeoJSONScalar) @Column({ type: 'geometry', spatialFeatureType: 'MultiPolygon', srid: 4326 }) boundary: Geometry;
  @Field(() => [String], { description: '主导产业' }) @Column({ type: 'text', array: true, name: 'main_industries' }) mainIndustries: string[];
  @Field(() => Float, { description: 'Investment-intensity floor, 万元/亩 (seed 003: 180 ordinary, 280 provincial high-tech).' })
  @Column({ type: 'numeric', name: 'intensity_floor', transformer: numericTransformer }) intensityFloor: number;
  @Field(() => [Infrastructure], { description: 'Which of 七通一平 are ready.' })
  @Column({ type: 'text', array: true }) infrastructure: Infrastructure[];
  @Field(() => LocalDateScalar, { nullable: true }) @Column({ type: 'date', name: 'established_on', nullable: true }) establishedOn: string | null;
  // Geodesic area in m², a stored column PostgreSQL generates from the boundary (migration 0090).
  @Column({ type: 'double precision', name: 'area_m2', insert: false, update: false }) areaM2: number;
}
