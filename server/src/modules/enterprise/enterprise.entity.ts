import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { Geometry } from 'geojson';
import { GeoJSONScalar } from '../../common/geojson.scalar';
import { numericTransformer } from '../../common/numeric';

export enum EnterpriseTag {
  GLOBAL500 = 'global500', CHINA500 = 'china500', INDUSTRY_LEADER = 'industry_leader', LISTED = 'listed',
  LITTLE_GIANT = 'little_giant', HIGH_TECH = 'high_tech', GAZELLE = 'gazelle', UNICORN = 'unicorn',
}
registerEnumType(EnterpriseTag, {
  name: 'EnterpriseTag',
  valuesConfig: {
    GLOBAL500: { description: '世界500强' }, CHINA500: { description: '中国500强' }, INDUSTRY_LEADER: { description: '行业龙头' },
    LISTED: { description: '上市' }, LITTLE_GIANT: { description: '专精特新"小巨人"' }, HIGH_TECH: { description: '高新技术企业' },
    GAZELLE: { description: '瞪羚' }, UNICORN: { description: '独角兽' },
  },
});

/** 企业: a local enterprise (mapped to chain nodes) or an outside candidate. */
@ObjectType({ description: '企业 enterprise, local or an outside candidate.' })
@Entity('enterprise')
export class Enterprise {
  @Field(() => ID) @PrimaryGeneratedColumn() id: number;
  @Field(() => String) @Column({ type: 'text' }) name: string;
  @Field(() => String, { nullable: true, description: '统一社会信用代码 (GB 32100-2015)' }) @Column({ type: 'char', length: 18, nullable: true }) uscc: string | null;
  @Field(() => String, { nullable: true }) @Column({ type: 'text', nullable: true }) address: string | null;
  @Field(() => GeoJSONScalar) @Column({ type: 'geometry', spatialFeatureType: 'Point', srid: 4326 }) location: Geometry;
  @Field(() => String) @Column({ type: 'text' }) city: string;
  @Field(() => String, { nullable: true, description: '长三角, 珠三角, 京津冀 …' }) @Column({ type: 'text', name: 'source_region', nullable: true }) sourceRegion: string | null;
  @Column({ type: 'int', name: 'region_id', nullable: true }) regionId: number | null;
  @Field(() => Boolean) @Column({ type: 'boolean', name: 'is_local' }) isLocal: boolean;
  @Field(() => String, { description: 'GB/T 4754 industry code' }) @Column({ type: 'text', name: 'industry_code' }) industryCode: string;
  @Field(() => Float, { nullable: true, description: '万元' }) @Column({ type: 'numeric', name: 'registered_capital', nullable: true, transformer: numericTransformer }) registeredCapital: number | null;
  @Field(() => Float, { nullable: true, description: '万元/年' }) @Column({ type: 'numeric', nullable: true, transformer: numericTransformer }) revenue: number | null;
  @Field(() => Int, { nullable: true }) @Column({ type: 'int', nullable: true }) employees: number | null;
  @Field(() => [EnterpriseTag]) @Column({ type: 'text', array: true }) tags: EnterpriseTag[];
  @Field(() => Boolean, { description: 'Invented demo data.' }) @Column({ type: 'boolean' }) synthetic: boolean;
}
