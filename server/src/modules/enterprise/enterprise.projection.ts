import type { Projection } from '../../common/projection';
import { Enterprise } from './enterprise.entity';
import { applyEnterpriseFilter } from './enterprise.service';

/** Enterprise fields a compiled read answers in SQL (common/projection.ts): the values EnterpriseResolver gives. */
export const ENTERPRISE_PROJECTIONS: Projection[] = [
  {
    type: 'Enterprise', entity: Enterprise,
    columns: ['id', 'name', 'uscc', 'address', 'location', 'city', 'sourceRegion', 'isLocal', 'industryCode', 'registeredCapital', 'revenue', 'employees', 'tags', 'synthetic'],
    fields: { region: { kind: 'object', type: 'Region', table: 'region', on: (e, r) => `${r}.id = ${e}.region_id` } },
  },
  { type: 'Query', fields: { enterprises: { kind: 'connection', type: 'Enterprise', table: 'enterprise', filter: applyEnterpriseFilter } } },
];
