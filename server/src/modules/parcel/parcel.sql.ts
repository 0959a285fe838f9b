// Parcel SQL over alias `t` (the parcel row). Values are always `$n` parameters.
import { M2_PER_MU } from '../../common/numeric';

/** Days after supply with no construction start before a supplied parcel counts as idle (闲置土地处置办法: one year). */
export const DEFAULT_IDLE_AFTER_DAYS = 365;

/**
 * 闲置 idle land, kept simple: marked idle, or still `supplied` (no construction start) more than `days` days after
 * its supply date, as of today. Built-far-below-FAR (圈大建小) is not included.
 */
export const PARCEL_IS_IDLE = (days: string) =>
  `(t.supply_status = 'idle' OR (t.supply_status = 'supplied' AND t.supplied_on IS NOT NULL AND t.supplied_on < current_date - ${days}::int))`;

/** Area bounds in 亩 against the stored geodesic area_m2 (1 mu = 10000/15 m²). */
export const PARCEL_AREA_MU_AT_LEAST = (mu: string) => `t.area_m2 >= ${mu}::float8 * ${M2_PER_MU}`;
export const PARCEL_AREA_MU_AT_MOST = (mu: string) => `t.area_m2 <= ${mu}::float8 * ${M2_PER_MU}`;

/** Membership of parcels in parks for a paginated Park.parcels (`where` holds PARCEL_IN_PARKS and the parcel filter). */
export const PARCELS_OF_PARKS = (where: string) => `SELECT t.park_id AS parent, t.id FROM parcel t ${where}`;

/**
 * Updates a parcel ($1: id). $2 is a jsonb of the changed attributes: a key present sets the column (null clears it),
 * a key absent keeps it. $3 is the new outline as GeoJSON text (null keeps it), stored as a MultiPolygon in 4326;
 * area_m2 is a generated column and follows.
 */
export const UPDATE_PARCEL = `
  UPDATE parcel SET
    land_use         = CASE WHEN $2::jsonb ? 'landUse'        THEN ($2::jsonb ->> 'landUse')::land_use ELSE land_use END,
    supply_status    = CASE WHEN $2::jsonb ? 'supplyStatus'   THEN ($2::jsonb ->> 'supplyStatus')::supply_status ELSE supply_status END,
    floor_area_ratio = CASE WHEN $2::jsonb ? 'floorAreaRatio' THEN ($2::jsonb ->> 'floorAreaRatio')::numeric ELSE floor_area_ratio END,
    built_far        = CASE WHEN $2::jsonb ? 'builtFar'       THEN ($2::jsonb ->> 'builtFar')::numeric ELSE built_far END,
    land_price       = CASE WHEN $2::jsonb ? 'landPrice'      THEN ($2::jsonb ->> 'landPrice')::numeric ELSE land_price END,
    supplied_on      = CASE WHEN $2::jsonb ? 'suppliedOn'     THEN ($2::jsonb ->> 'suppliedOn')::date ELSE supplied_on END,
    park_id          = CASE WHEN $2::jsonb ? 'parkId'         THEN ($2::jsonb ->> 'parkId')::int ELSE park_id END,
    project_id       = CASE WHEN $2::jsonb ? 'projectId'      THEN ($2::jsonb ->> 'projectId')::int ELSE project_id END,
    geom             = CASE WHEN $3::text IS NULL THEN geom ELSE ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON($3::text), 4326)) END
  WHERE id = $1`;

/** Whether a park exists ($1: park id). */
export const PARK_EXISTS = 'SELECT 1 FROM park WHERE id = $1';

/** Whether a project exists ($1: project id). */
export const PROJECT_EXISTS = 'SELECT 1 FROM project WHERE id = $1';

/** Filter: the parcel lies in one of the parks ($n: int[] of park ids). */
export const PARCEL_IN_PARKS = (parks: string) => `t.park_id = ANY(${parks}::int[])`;

/** Parcels standing on the projects in $1 (int[]), alias `t`. */
export const PARCEL_OF_PROJECTS = 't.project_id = ANY($1::int[])';

// Filter clauses (t: the listed table), each with its $n placeholders passed in from SqlBuilder.param.
/** Land use is one of the given. */
export const PARCEL_LAND_USE_IN = (p: string) => `t.land_use = ANY(${p}::land_use[])`;
/** Supply status is one of the given. */
export const PARCEL_SUPPLY_STATUS_IN = (p: string) => `t.supply_status = ANY(${p}::supply_status[])`;
/** Parcels of one park. */
export const PARCEL_IN_PARK = (p: string) => `t.park_id = ${p}`;
/** Not idle after the given number of days (see PARCEL_IS_IDLE). */
export const PARCEL_NOT_IDLE = (days: string) => `NOT ${PARCEL_IS_IDLE(days)}`;
