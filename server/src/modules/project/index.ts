export { Project, ProjectStage, ProjectStageEvent, FundArrival, ProjectMilestone, FundKind, QualityTag } from './project.entity';
export { ProjectResolver, ProjectConnection, ParkProjectsResolver, EnterpriseProjectsResolver, UnitProjectsResolver, ChainNodeProjectsResolver, ParcelProjectResolver, ProjectParcelsResolver } from './project.resolver';
export { ProjectService, applyProjectFilter } from './project.service';
export { ProjectFilter } from './project.inputs';
export { projectById } from './project.loader';
export { allowedMoves, STAGE_PATH } from './project-stage';
export { PROJECT_PROJECTIONS } from './project.projection';
