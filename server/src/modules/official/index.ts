export { Official } from './official.entity';
export { OfficialResolver, OfficialConnection } from './official.resolver';
export { OfficialService } from './official.service';
export { officialById } from './official.loader';
export { OFFICIAL_PROJECTIONS } from './official.projection';
