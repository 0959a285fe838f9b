export { Enterprise, EnterpriseTag } from './enterprise.entity';
export { EnterpriseFilter } from './enterprise.inputs';
export { EnterpriseResolver, ParkEnterprisesResolver, EnterpriseConnection } from './enterprise.resolver';
export { EnterpriseService, applyEnterpriseFilter } from './enterprise.service';
export { enterpriseById, enterprisePageOf, relatedEnterprises } from './enterprise.loader';
export { ENTERPRISE_PROJECTIONS } from './enterprise.projection';
