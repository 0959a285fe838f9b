import { AREA_FIELDS, type Projection } from '../../common/projection';
import { Park } from './park.entity';
import { applyParkFilter } from './park.service';

/** Park fields a compiled read answers in SQL (common/projection.ts): the same values ParkResolver gives. */
export const PARK_PROJECTIONS: Projection[] = [
  {
    type: 'Park', entity: Park,
    columns: ['id', 'name', 'level', 'kind', 'boundary', 'mainIndustries', 'intensityFloor', 'infrastructure', 'establishedOn'],
    fields: {
      ...AREA_FIELDS,
      region: { kind: 'object', type: 'Region', table: 'region', on: (p, r) => `${r}.id = ${p}.region_id` },
      administeredByRegion: { kind: 'object', type: 'Region', table: 'region', on: (p, r) => `${r}.id = ${p}.administered_by_region_id` },
      parentPark: { kind: 'object', type: 'Park', table: 'park', on: (p, r) => `${r}.id = ${p}.parent_park_id` },
      subParks: { kind: 'list', type: 'Park', from: 'park t', where: (p) => `t.parent_park_id = ${p}.id`, orderBy: 't.id' },
    },
  },
  { type: 'Query', fields: { parks: { kind: 'connection', type: 'Park', table: 'park', filter: applyParkFilter } } },
];
