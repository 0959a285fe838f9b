import { Field, Float, ID, ObjectType, registerEnumType } from 'type-graphql';
import { LocalDateScalar } from '../../common/local-date.scalar';
import { LandUse, SupplyStatus } from '../parcel';
import { FundKind, ProjectStage } from '../project';
import { TargetStatus } from '../target';

/** Topics on the change feed; each is one NOTIFY payload kind written by the triggers of migration 0070. */
export const ChangeTopic = {
  PROJECT_STAGE_MOVED: 'projectStageMoved',
  FUND_ARRIVED: 'fundArrived',
  PARCEL_CHANGED: 'parcelChanged',
  PARK_CHANGED: 'parkChanged',
  TARGET_CHANGED: 'targetChanged',
} as const;
export type ChangeTopic = (typeof ChangeTopic)[keyof typeof ChangeTopic];

export enum ChangeOp { INSERT = 'insert', UPDATE = 'update', DELETE = 'delete', ACTIVITY = 'activity' }
registerEnumType(ChangeOp, {
  name: 'ChangeOp',
  description: 'What happened to the row.',
  valuesConfig: { ACTIVITY: { description: 'A target activity (visit, meeting, call) was logged' } },
});

@ObjectType({ description: 'A project entered a stage (committed).' })
export class ProjectStageMovedEvent {
  @Field(() => ID) projectId: string;
  @Field(() => ProjectStage) stage: ProjectStage;
  @Field(() => LocalDateScalar) enteredOn: string;
  @Field(() => ID, { nullable: true, description: 'Account that recorded the move.' }) actorId: string | null;
  @Field(() => ID) introducingUnitId: string;
  @Field(() => ID, { nullable: true, description: 'Chain of the project\'s chain node.' }) chainId: string | null;
}

@ObjectType({ description: 'Funds arrived for a project (实际到位资金, committed).' })
export class FundArrivedEvent {
  @Field(() => ID) fundArrivalId: string;
  @Field(() => ID) projectId: string;
  @Field(() => LocalDateScalar) arrivedOn: string;
  @Field(() => Float, { description: '万元' }) amount: number;
  @Field(() => Float, { description: '万美元 part' }) foreignAmount: number;
  @Field(() => FundKind) fundKind: FundKind;
  @Field(() => ID) introducingUnitId: string;
  @Field(() => ID, { nullable: true }) chainId: string | null;
}

@ObjectType({ description: 'A parcel was added, changed or removed (committed).' })
export class ParcelChangedEvent {
  @Field(() => ChangeOp) op: ChangeOp;
  @Field(() => ID) parcelId: string;
  @Field(() => ID, { nullable: true }) parkId: string | null;
  @Field(() => LandUse) landUse: LandUse;
  @Field(() => SupplyStatus) supplyStatus: SupplyStatus;
}

@ObjectType({ description: 'A park was added, changed or removed (committed).' })
export class ParkChangedEvent {
  @Field(() => ChangeOp) op: ChangeOp;
  @Field(() => ID) parkId: string;
}

@ObjectType({ description: 'A target enterprise changed or had an activity logged (committed).' })
export class TargetChangedEvent {
  @Field(() => ChangeOp) op: ChangeOp;
  @Field(() => ID) targetId: string;
  @Field(() => ID) chainNodeId: string;
  @Field(() => ID) chainId: string;
  @Field(() => TargetStatus) status: TargetStatus;
}
