export { Project, ProjectStage, ProjectStageEvent, FundArrival, ProjectMilestone, FundKind, QualityTag } from './project.entity';
export { ProjectResolver, ProjectConnection, ParkProjectsResolver, EnterpriseProjectsResolver, UnitProjectsResolver, ChainNodeProjectsResolver, ParcelProjectResolver, ProjectParcelsResolver } from './project.resolver';
export { ProjectService } from './project.service';
export { projectById } from './project.loader';
export { allowedMoves, STAGE_PATH } from './project-stage';
