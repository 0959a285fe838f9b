import { Field, Float, ID, InputType } from 'type-graphql';
import { LocalDateScalar } from '../../common/local-date.scalar';
import { ActivityKind, TargetStatus } from '../target';

@InputType({ description: 'Add an outside enterprise as a target (目标企业) of a chain node.' })
export class AddTargetInput {
  @Field(() => ID) enterpriseId: string;
  @Field(() => ID) chainNodeId: string;
  @Field(() => ID, { nullable: true, description: 'The official who owns the recruitment.' }) ownerOfficialId?: string | null;
  @Field(() => String, { nullable: true, description: '招商小分队 that owns it; give an official, a team or both.' }) ownerTeam?: string | null;
  @Field(() => String, { nullable: true }) nextAction?: string | null;
  @Field(() => LocalDateScalar, { nullable: true, description: 'Not before today.' }) nextActionDue?: string | null;
}

@InputType({ description: 'A visit, meeting, call or inspection with a target.' })
export class LogTargetActivityInput {
  @Field(() => ID) targetId: string;
  @Field(() => ActivityKind) kind: ActivityKind;
  @Field(() => LocalDateScalar, { description: 'Not in the future, not before the target was created.' }) occurredOn: string;
  @Field(() => String, { nullable: true }) participants?: string | null;
  @Field(() => String) note: string;
  @Field(() => String, { nullable: true, description: 'Replace the next action.' }) nextAction?: string | null;
  @Field(() => LocalDateScalar, { nullable: true, description: 'Replace the next action due date (not before today).' }) nextActionDue?: string | null;
}

@InputType({ description: 'Move a target along 线索 → 接洽 → 考察 → 洽谈 → 签约, or to 淘汰 with a reason.' })
export class MoveTargetStatusInput {
  @Field(() => ID) targetId: string;
  @Field(() => TargetStatus) to: TargetStatus;
  @Field(() => LocalDateScalar, { nullable: true, description: 'Defaults to today; not in the future, not before the previous move.' }) on?: string | null;
  @Field(() => String, { nullable: true, description: 'Required for DROPPED (淘汰).' }) reason?: string | null;
}

@InputType({ description: 'Turn a target at 洽谈 or 签约 into a project, in one transaction.' })
export class ConvertTargetInput {
  @Field(() => ID) targetId: string;
  @Field(() => ID, { description: '引荐单位 credited with the project.' }) introducingUnitId: string;
  @Field(() => String, { nullable: true, description: 'Defaults to "<enterprise> <node>项目".' }) name?: string | null;
  @Field(() => String, { nullable: true, description: 'Assessment category; defaults to manufacturing.' }) categoryCode?: string | null;
  @Field(() => ID, { nullable: true, description: 'The park it would come to; the project is placed inside it.' }) parkId?: string | null;
  @Field(() => Float, { nullable: true, description: '协议投资 万元.' }) agreedInvestment?: number | null;
}

@InputType({ description: 'Filters of the workspace target board; all given ones apply together.' })
export class WorkspaceTargetFilter {
  @Field(() => ID, { nullable: true, description: 'Only targets of this chain node.' }) chainNodeId?: string | null;
  @Field(() => String, { nullable: true, description: 'Only targets owned by this owner, as the board shows it: the official\'s name, else the 招商小分队.' }) owner?: string | null;
  @Field(() => TargetStatus, { nullable: true }) status?: TargetStatus | null;
  @Field(() => Boolean, { nullable: true, description: 'true: only open targets whose next action is overdue; false: only the others.' }) overdue?: boolean | null;
}
