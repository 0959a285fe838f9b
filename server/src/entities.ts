import { AppUser } from './auth/user.entity';
import { Region } from './modules/region/region.entity';
import { Park } from './modules/park/park.entity';
import { Parcel } from './modules/parcel/parcel.entity';
import { FactoryBuilding } from './modules/factory-building/factory-building.entity';
import { Official } from './modules/official/official.entity';
import { AnnualTarget, AssessmentCategory, AssessmentCoefficient, AssessmentUnit } from './modules/unit/unit.entity';
import { Enterprise } from './modules/enterprise/enterprise.entity';
import { Chain, ChainNode } from './modules/chain/chain.entity';
import { TargetActivity, TargetEnterprise } from './modules/target/target.entity';
import { AuditEntry } from './modules/audit/audit.entity';
import { CandidateWeight, PipelineRule, TargetStatusEvent } from './modules/recruitment/recruitment.entity';
import { FundArrival, Project, ProjectMilestone, ProjectStageEvent } from './modules/project/project.entity';

/** Every TypeORM entity; the tables themselves come from db/migrations. */
export const ENTITIES: Function[] = [
  AppUser, Region, Park, Parcel, FactoryBuilding, Official,
  AssessmentUnit, AnnualTarget, AssessmentCategory, AssessmentCoefficient,
  Enterprise, Chain, ChainNode, TargetEnterprise, TargetActivity,
  Project, ProjectStageEvent, FundArrival, ProjectMilestone, AuditEntry,
  CandidateWeight, PipelineRule, TargetStatusEvent,
];
