export { Park, ParkLevel, ParkKind, Infrastructure } from './park.entity';
export { ParkResolver, ParkConnection, RegionParksResolver } from './park.resolver';
export { ParkService } from './park.service';
export { parkById } from './park.loader';
export { PARK_PROJECTIONS } from './park.projection';
