export { MuGrade, MuYield, ParkCapacity, ParcelLandFlags, Site, SiteKind, FitCheck, FitStatus, FitAspect } from './planning.entity';
export { SiteCriteria } from './planning.inputs';
export { PlanningResolver, SiteResolver, ParkPlanningResolver, ParcelPlanningResolver, EnterprisePlanningResolver, ProjectPlanningResolver } from './planning.resolver';
export { PlanningService } from './planning.service';
