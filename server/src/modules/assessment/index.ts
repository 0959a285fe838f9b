export {
  AssessmentResolver, UnitScoreResolver, CreditLineResolver, BackdatedArrivalResolver, LateEntryResolver, LateEditResolver, RankingChangeResolver,
  RateRowResolver, RateCohortEntryResolver, UnitAssessmentResolver, RegionAssessmentUnitResolver, ProjectListRowResolver,
} from './assessment.resolver';
export { AssessmentService } from './assessment.service';
export { RateGroup } from './assessment.entity';
