export { SearchResolver, SearchHit, SearchKind } from './search.resolver';
