import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { Geometry } from 'geojson';
import { GeoJSONScalar } from '../../common/geojson.scalar';
import { numericTransformer } from '../../common/numeric';

/** 标准化厂房: a standard factory building and its vacant floor space. */
@ObjectType({ description: '标准化厂房 standard factory building.' })
@Entity('factory_building')
export class FactoryBuilding {
  @Field(() => ID) @PrimaryGeneratedColumn() id: number;
  @Field(() => String) @Column({ type: 'text' }) name: string;
  @Column({ type: 'int', name: 'park_id' }) parkId: number;
  @Field(() => GeoJSONScalar) @Column({ type: 'geometry', spatialFeatureType: 'Point', srid: 4326 }) location: Geometry;
  @Field(() => GeoJSONScalar, { nullable: true }) @Column({ type: 'geometry', spatialFeatureType: 'Polygon', srid: 4326, nullable: true }) footprint: Geometry | null;
  @Field(() => Int, { nullable: true }) @Column({ type: 'int', nullable: true }) floors: number | null;
  @Field(() => Float) @Column({ type: 'numeric', name: 'floor_area_m2', transformer: numericTransformer }) floorAreaM2: number;
  @Field(() => Float) @Column({ type: 'numeric', name: 'vacant_floor_area_m2', transformer: numericTransformer }) vacantFloorAreaM2: number;
}
