import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { Geometry } from 'geojson';
import { GeoJSONScalar } from '../../common/geojson.scalar';

export enum RegionLevel { PROVINCE = 'province', CITY = 'city', DISTRICT = 'district' }
registerEnumType(RegionLevel, { name: 'RegionLevel', description: '省 / 市 / 区县' });

/** 行政区: an administrative region with its GB/T 2260 code and boundary. */
@ObjectType({ description: '行政区 administrative region (GB/T 2260).' })
@Entity('region')
export class Region {
  @Field(() => ID) @PrimaryGeneratedColumn() id: number;
  @Field(() => String, { description: 'Six-digit GB/T 2260 code.' }) @Column({ type: 'char', length: 6 }) code: string;
  @Field(() => String) @Column({ type: 'text' }) name: string;
  @Field(() => RegionLevel) @Column({ type: 'enum', enum: RegionLevel, enumName: 'region_level' }) level: RegionLevel;
  @Column({ type: 'int', name: 'parent_id', nullable: true }) parentId: number | null;
  @Field(() => GeoJSONScalar) @Column({ type: 'geometry', spatialFeatureType: 'MultiPolygon', srid: 4326 }) boundary: Geometry;
  // Geodesic area in m², a stored column PostgreSQL generates from the boundary (migration 0090).
  @Column({ type: 'double precision', name: 'area_m2', insert: false, update: false }) areaM2: number;
}
