import type { NonEmptyArray } from 'type-graphql';
import { AccountResolver, AuthResolver } from '../auth';
import { RegionResolver } from '../modules/region';
import { ParkResolver, RegionParksResolver } from '../modules/park';
import { EnterpriseResolver, ParkEnterprisesResolver } from '../modules/enterprise';
import { ChainNodeResolver, ChainResolver, EnterpriseChainNodeLinkResolver, EnterpriseChainNodesResolver, OfficialChainsResolver } from '../modules/chain';
import { ChainNodeTargetsResolver, EnterpriseTargetsResolver, TargetEnterpriseResolver } from '../modules/target';
import { OfficialResolver } from '../modules/official';
import { ParcelResolver, ParkParcelsResolver } from '../modules/parcel';
import { FactoryBuildingResolver, ParkFactoryBuildingsResolver } from '../modules/factory-building';
import { AnnualTargetResolver, AssessmentCategoryResolver, AssessmentCoefficientResolver, AssessmentUnitResolver } from '../modules/unit';
import { ChainNodeProjectsResolver, EnterpriseProjectsResolver, ParkProjectsResolver, ProjectResolver, UnitProjectsResolver, ParcelProjectResolver, ProjectParcelsResolver } from '../modules/project';
import { SearchResolver } from '../modules/search';
import { AuditResolver } from '../modules/audit';
import { ErrorCodeResolver } from './error-codes.resolver';
import { AggregateResolver } from '../modules/aggregate';
import { ChangeFeedResolver } from '../modules/change-feed';
import { PersistedQueryResolver } from '../modules/persisted-query';
import {
  AssessmentResolver, BackdatedArrivalResolver, CreditLineResolver, LateEditResolver, LateEntryResolver, RankingChangeResolver, RateCohortEntryResolver,
  ProjectListRowResolver, RateRowResolver, RegionAssessmentUnitResolver, UnitAssessmentResolver, UnitScoreResolver,
} from '../modules/assessment';
import { LedgerResolver } from '../modules/ledger';
import {
  CandidateResolver, ChainNodeCandidatesResolver, ChainPipelineResolver, ChainWorkspaceResolver, MappingSuggestionResolver,
  PipelineFlagResolver, RecruitmentResolver, TargetPipelineResolver,
} from '../modules/recruitment';
import { EnterprisePlanningResolver, ParcelPlanningResolver, ParkPlanningResolver, PlanningResolver, ProjectPlanningResolver, SiteResolver } from '../modules/planning';

/** Every resolver class of the API; a module is live once it is listed here. */
export const RESOLVERS: NonEmptyArray<Function> = [
  AuthResolver, AccountResolver,
  RegionResolver,
  ParkResolver, RegionParksResolver,
  EnterpriseResolver, ParkEnterprisesResolver,
  ChainResolver, ChainNodeResolver, EnterpriseChainNodesResolver, EnterpriseChainNodeLinkResolver, OfficialChainsResolver,
  TargetEnterpriseResolver, EnterpriseTargetsResolver, ChainNodeTargetsResolver,
  OfficialResolver,
  ParcelResolver, ParkParcelsResolver,
  FactoryBuildingResolver, ParkFactoryBuildingsResolver,
  AssessmentUnitResolver, AnnualTargetResolver, AssessmentCategoryResolver, AssessmentCoefficientResolver,
  ProjectResolver, ParkProjectsResolver, EnterpriseProjectsResolver, UnitProjectsResolver, ChainNodeProjectsResolver, ParcelProjectResolver, ProjectParcelsResolver,
  SearchResolver,
  AuditResolver,
  ErrorCodeResolver,
  AggregateResolver,
  ChangeFeedResolver,
  PersistedQueryResolver,
  AssessmentResolver, UnitScoreResolver, CreditLineResolver, BackdatedArrivalResolver, LateEntryResolver, LateEditResolver, RankingChangeResolver,
  RateRowResolver, RateCohortEntryResolver, UnitAssessmentResolver, RegionAssessmentUnitResolver, ProjectListRowResolver,
  LedgerResolver,
  RecruitmentResolver, ChainWorkspaceResolver, ChainNodeCandidatesResolver, ChainPipelineResolver, CandidateResolver,
  MappingSuggestionResolver, PipelineFlagResolver, TargetPipelineResolver,
  PlanningResolver, SiteResolver, ParkPlanningResolver, ParcelPlanningResolver, EnterprisePlanningResolver, ProjectPlanningResolver,
];
