export { CandidateWeight, PipelineRule, TargetStatusEvent, Candidate, ScorePart, MappingSuggestion, PipelineFlag, PipelineFlags, ChainWorkspace } from './recruitment.entity';
export {
  RecruitmentResolver, ChainWorkspaceResolver, ChainNodeCandidatesResolver, ChainPipelineResolver, CandidateResolver,
  MappingSuggestionResolver, PipelineFlagResolver, TargetPipelineResolver,
} from './recruitment.resolver';
export { RecruitmentService, allowedTargetMoves } from './recruitment.service';
export { RECRUITMENT_PROJECTIONS } from './recruitment.projection';
