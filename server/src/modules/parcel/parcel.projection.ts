import { AREA_FIELDS, type Projection } from '../../common/projection';
import { Parcel } from './parcel.entity';
import { applyParcelFilter } from './parcel.service';

/** Parcel fields a compiled read answers in SQL (common/projection.ts), and Park.parcels: the values ParcelResolver gives. */
export const PARCEL_PROJECTIONS: Projection[] = [
  {
    type: 'Parcel', entity: Parcel,
    columns: ['id', 'code', 'geom', 'landUse', 'supplyStatus', 'floorAreaRatio', 'builtFar', 'landPrice', 'suppliedOn'],
    fields: {
      ...AREA_FIELDS,
      park: { kind: 'object', type: 'Park', table: 'park', on: (p, k) => `${k}.id = ${p}.park_id` },
    },
  },
  { type: 'Park', fields: { parcels: { kind: 'connection', type: 'Parcel', table: 'parcel', where: (k) => `t.park_id = ${k}.id`, filter: applyParcelFilter } } },
  { type: 'Query', fields: { parcels: { kind: 'connection', type: 'Parcel', table: 'parcel', filter: applyParcelFilter } } },
];
