import type { Projection } from '../common/projection';
import { CHAIN_PROJECTIONS } from '../modules/chain';
import { ENTERPRISE_PROJECTIONS } from '../modules/enterprise';
import { OFFICIAL_PROJECTIONS } from '../modules/official';
import { PARCEL_PROJECTIONS } from '../modules/parcel';
import { PARK_PROJECTIONS } from '../modules/park';
import { PROJECT_PROJECTIONS } from '../modules/project';
import { RECRUITMENT_PROJECTIONS } from '../modules/recruitment';
import { REGION_PROJECTIONS } from '../modules/region';
import { UNIT_PROJECTIONS } from '../modules/unit';

/** Every module's compiled-read declarations (common/projection.ts); a query touching anything else runs on the resolvers. */
export const PROJECTIONS: Projection[] = [
  ...PARK_PROJECTIONS, ...PARCEL_PROJECTIONS, ...PROJECT_PROJECTIONS, ...ENTERPRISE_PROJECTIONS, ...CHAIN_PROJECTIONS, ...REGION_PROJECTIONS, ...UNIT_PROJECTIONS,
  ...OFFICIAL_PROJECTIONS, ...RECRUITMENT_PROJECTIONS,
];
