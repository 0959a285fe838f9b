import type { NonEmptyArray } from 'type-graphql';
import { AuthResolver } from '../auth';
import { RegionResolver } from '../modules/region';
import { ParkResolver, RegionParksResolver } from '../modules/park';
import { EnterpriseResolver, ParkEnterprisesResolver } from '../modules/enterprise';
import { ChainNodeResolver, ChainResolver, EnterpriseChainNodeLinkResolver, EnterpriseChainNodesResolver, OfficialChainsResolver } from '../modules/chain';
import { ChainNodeTargetsResolver, EnterpriseTargetsResolver, TargetEnterpriseResolver } from '../modules/target';
import { OfficialResolver } from '../modules/official';
import { ParcelResolver, ParkParcelsResolver, ProjectParcelsResolver } from '../modules/parcel';
import { FactoryBuildingResolver, ParkFactoryBuildingsResolver } from '../modules/factory-building';
import { AnnualTargetResolver, AssessmentCategoryResolver, AssessmentCoefficientResolver, AssessmentUnitResolver } from '../modules/unit';
import { ChainNodeProjectsResolver, EnterpriseProjectsResolver, ParkProjectsResolver, ProjectResolver, UnitProjectsResolver } from '../modules/project';
import { SearchResolver } from '../modules/search';
import { AuditResolver } from '../modules/audit';
import { EnterprisePlanningResolver, ParcelPlanningResolver, ParkPlanningResolver, PlanningResolver, ProjectPlanningResolver, SiteResolver } from '../modules/planning';

/** Every resolver class of the API; a module is live once it is listed here. */
export const RESOLVERS: NonEmptyArray<Function> = [
  AuthResolver,
  RegionResolver,
  ParkResolver, RegionParksResolver,
  EnterpriseResolver, ParkEnterprisesResolver,
  ChainResolver, ChainNodeResolver, EnterpriseChainNodesResolver, EnterpriseChainNodeLinkResolver, OfficialChainsResolver,
  TargetEnterpriseResolver, EnterpriseTargetsResolver, ChainNodeTargetsResolver,
  OfficialResolver,
  ParcelResolver, ParkParcelsResolver, ProjectParcelsResolver,
  FactoryBuildingResolver, ParkFactoryBuildingsResolver,
  AssessmentUnitResolver, AnnualTargetResolver, AssessmentCategoryResolver, AssessmentCoefficientResolver,
  ProjectResolver, ParkProjectsResolver, EnterpriseProjectsResolver, UnitProjectsResolver, ChainNodeProjectsResolver,
  SearchResolver,
  AuditResolver,
  PlanningResolver, SiteResolver, ParkPlanningResolver, ParcelPlanningResolver, EnterprisePlanningResolver, ProjectPlanningResolver,
];
