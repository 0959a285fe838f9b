import { Field, Float, ID, InputType } from 'type-graphql';
import { invalid } from './errors';
import { likePattern, type SqlBuilder } from './sql-builder';
import { BBOX_INTERSECTS, TEXT_MATCH, WITHIN_METERS, WITHIN_REGION } from './spatial.sql';

@InputType({ description: 'A circle: within `meters` of a WGS 84 point.' })
export class NearInput {
  @Field(() => Float) lon: number;
  @Field(() => Float) lat: number;
  @Field(() => Float, { description: 'Radius in metres (geodesic), at most 200 km.' }) meters: number;
}

/** Filters every geographic list shares: name text, bounding box, region, distance. */
@InputType('SpatialFilterBase', { description: 'Shared by every geographic filter.' })
export abstract class SpatialFilter {
  @Field(() => String, { nullable: true, description: 'Case-insensitive substring of the name.' })
  text?: string;

  @Field(() => [Float], { nullable: true, description: 'minLon, minLat, maxLon, maxLat in WGS 84.' })
  bbox?: number[];

  @Field(() => ID, { nullable: true, description: 'Only features lying (partly) within this region.' })
  withinRegionId?: string;

  @Field(() => NearInput, { nullable: true })
  near?: NearInput;
}

/** Largest id a PostgreSQL int (serial) column holds. */
export const MAX_ID = 2_147_483_647;

/** An id as the API spells it: canonical decimal digits, 1 … MAX_ID ("1e1", "0x3", " 3", "3.0", "03" are not ids). */
export function parseId(field: string, id: string | number): number {
  const s = typeof id === 'number' ? String(id) : id;
  const n = typeof s === 'string' && /^[1-9][0-9]{0,9}$/.test(s) ? Number(s) : NaN;
  if (!(n >= 1 && n <= MAX_ID)) {
    throw invalid(field, `${JSON.stringify(String(id).slice(0, 40))} is not a valid id (a positive whole number up to ${MAX_ID}, written in plain digits)`);
  }
  return n;
}

/** Adds the SpatialFilter clauses for a geometry column and a name column. */
export function applySpatialFilter(b: SqlBuilder, f: SpatialFilter | undefined, geomCol: string, nameCol: string): void {
  if (!f) return;
  if (f.text?.trim()) b.and(TEXT_MATCH(nameCol, b.param(likePattern(f.text.trim()))));
  if (f.bbox) {
    const [minLon, minLat, maxLon, maxLat] = f.bbox;
    if (f.bbox.length !== 4 || f.bbox.some((v) => !Number.isFinite(v))) throw invalid('bbox', 'must be four numbers: minLon, minLat, maxLon, maxLat');
    if (minLon < -180 || maxLon > 180 || minLat < -90 || maxLat > 90) throw invalid('bbox', 'must lie within longitude −180…180 and latitude −90…90 (WGS 84)');
    if (minLon > maxLon || minLat > maxLat) throw invalid('bbox', 'minLon must not exceed maxLon and minLat must not exceed maxLat');
    b.and(BBOX_INTERSECTS(geomCol, b.param(minLon), b.param(minLat), b.param(maxLon), b.param(maxLat)));
  }
  if (f.withinRegionId !== undefined && f.withinRegionId !== null) b.and(WITHIN_REGION(geomCol, b.param(parseId('withinRegionId', f.withinRegionId))));
  if (f.near) {
    const { lon, lat, meters } = f.near;
    if (lon < -180 || lon > 180 || lat < -90 || lat > 90) throw invalid('near', 'lon/lat must be WGS 84 degrees');
    if (!(meters > 0 && meters <= 200_000)) throw invalid('near.meters', 'must be greater than 0 and at most 200000');
    b.and(WITHIN_METERS(geomCol, b.param(lon), b.param(lat), b.param(meters)));
  }
}
