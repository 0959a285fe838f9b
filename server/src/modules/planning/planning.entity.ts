import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import type { Geometry } from 'geojson';
import { GeoJSONScalar } from '../../common/geojson.scalar';

export enum MuGrade { A = 'A', B = 'B', C = 'C', D = 'D' }
registerEnumType(MuGrade, {
  name: 'MuGrade',
  description: '亩均评价 grade; thresholds are data (mu_grade_threshold).',
  valuesConfig: { A: { description: 'A 类 优先发展' }, B: { description: 'B 类 鼓励提升' }, C: { description: 'C 类 帮扶转型' }, D: { description: 'D 类 倒逼整治' } },
});

export enum SiteKind { SINGLE = 'SINGLE', GROUP = 'GROUP' }
registerEnumType(SiteKind, { name: 'SiteKind', description: 'One parcel meeting the need alone, or contiguous parcels meeting it together.' });

export enum FitStatus { PASS = 'PASS', WARN = 'WARN' }
registerEnumType(FitStatus, { name: 'FitStatus' });

export enum FitAspect { LAND = 'LAND', INTENSITY = 'INTENSITY', INDUSTRY = 'INDUSTRY' }
registerEnumType(FitAspect, {
  name: 'FitAspect',
  valuesConfig: { LAND: { description: '用地需求' }, INTENSITY: { description: '投资强度 against the park floor' }, INDUSTRY: { description: '主导产业 against the chain node' } },
});

@ObjectType({ description: '亩均 figures: output and tax per 亩 of land used, and the grade they earn.' })
export class MuYield {
  @Field(() => Int, { nullable: true, description: 'Year of the figures (enterprises).' }) year: number | null;
  @Field(() => Float, { description: '亩 of land used' }) landMu: number;
  @Field(() => Float, { description: '万元/年' }) output: number;
  @Field(() => Float, { description: '万元/年' }) tax: number;
  @Field(() => Float, { description: '产出强度 万元/亩/年' }) outputPerMu: number;
  @Field(() => Float, { description: '亩均税收 万元/亩/年' }) taxPerMu: number;
  @Field(() => MuGrade) grade: MuGrade;
  @Field(() => Boolean, { description: 'True when the figures are invented demo data.' }) synthetic: boolean;
}

@ObjectType({ description: 'Capacity figures of a park: land left, idle land, 圈大建小, contiguous sites, factory floor.' })
export class ParkCapacity {
  @Field(() => Float, { description: '亩 available (可供)' }) availableMu: number;
  @Field(() => Float, { description: '亩 of idle land (闲置: marked idle, or supplied and not started within the configured period)' }) idleMu: number;
  @Field(() => Int) idleParcelCount: number;
  @Field(() => Float, { description: '亩 of 圈大建小 parcels (built far below the planned floor-area ratio)' }) lowBuildMu: number;
  @Field(() => Int) lowBuildParcelCount: number;
  @Field(() => Float, { description: '亩 in the largest contiguous group of available parcels' }) largestSiteMu: number;
  @Field(() => Float, { description: 'm² of standard factory floor' }) factoryFloorM2: number;
  @Field(() => Float, { description: 'm² of factory floor standing empty' }) vacantFloorM2: number;
}

@ObjectType({ description: '闲置 and 圈大建小 flags of a parcel.' })
export class ParcelLandFlags {
  @Field(() => Boolean, { description: '闲置: marked idle, or supplied with no construction start within the configured period (as of today)' }) idle: boolean;
  @Field(() => Boolean, { description: '圈大建小: built with an achieved floor-area ratio below the configured share of the planned one' }) lowBuild: boolean;
}

@ObjectType({ description: 'A site for a project: one parcel, or a contiguous group of parcels in one park.' })
export class Site {
  @Field(() => Int, { description: '1 = best' }) rank: number;
  @Field(() => SiteKind) kind: SiteKind;
  @Field(() => [ID]) parcelIds: string[];
  parkId: number | null;
  @Field(() => Float, { description: 'Total geodesic area in 亩' }) areaMu: number;
  @Field(() => Float) areaHectares: number;
  @Field(() => Float, { nullable: true, description: 'Metres from the given point (geodesic), when one was given' }) distanceM: number | null;
  @Field(() => Float, { nullable: true, description: 'The project’s intensity on the land it needs (万元/亩), when its investment was given' }) intensity: number | null;
  @Field(() => Float, { nullable: true, description: 'The park’s intensity floor (万元/亩)' }) intensityFloor: number | null;
  @Field(() => Boolean, { description: 'False when the project would miss the park’s intensity floor' }) meetsIntensityFloor: boolean;
  @Field(() => GeoJSONScalar, { description: 'The outline (union of the parcels)' }) outline: Geometry;
}

@ObjectType()
export class SiteSearchResult {
  @Field(() => Int, { description: 'Sites found before the limit' }) totalCount: number;
  @Field(() => [Site]) sites: Site[];
}

@ObjectType({ description: 'One aspect of a fit check, pass or warn, with the reason.' })
export class FitCheckItem {
  @Field(() => FitAspect) aspect: FitAspect;
  @Field(() => FitStatus) status: FitStatus;
  @Field(() => String, { description: 'Why, in Chinese' }) reason: string;
  @Field(() => String, { description: 'Why, in English' }) reasonEn: string;
}

@ObjectType({ description: 'A project against its park before signing: land, intensity, industry.' })
export class FitCheck {
  @Field(() => FitStatus, { description: 'WARN if any item warns' }) status: FitStatus;
  @Field(() => [FitCheckItem]) items: FitCheckItem[];
}
