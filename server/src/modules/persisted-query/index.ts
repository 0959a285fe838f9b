export { PersistedQueryResolver } from './persisted-query.resolver';
export { PersistedQueryService, sha256Hex } from './persisted-query.service';
