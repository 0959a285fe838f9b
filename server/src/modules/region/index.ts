export { Region, RegionLevel } from './region.entity';
export { RegionResolver, RegionConnection } from './region.resolver';
export { RegionService } from './region.service';
export { regionById } from './region.loader';
export { REGION_PROJECTIONS } from './region.projection';
