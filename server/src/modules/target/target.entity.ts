import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { LocalDateScalar } from '../../common/local-date.scalar';

export enum TargetStatus { LEAD = 'lead', CONTACTED = 'contacted', SITE_VISIT = 'site_visit', NEGOTIATING = 'negotiating', SIGNED = 'signed', DROPPED = 'dropped' }
registerEnumType(TargetStatus, {
  name: 'TargetStatus',
  valuesConfig: { LEAD: { description: '线索' }, CONTACTED: { description: '接洽' }, SITE_VISIT: { description: '考察' }, NEGOTIATING: { description: '洽谈' }, SIGNED: { description: '签约' }, DROPPED: { description: '淘汰' } },
});

export enum ActivityKind { VISIT = 'visit', MEETING = 'meeting', CALL = 'call', OTHER = 'other', INSPECTION = 'inspection' }
registerEnumType(ActivityKind, { name: 'ActivityKind', valuesConfig: { VISIT: { description: '拜访' }, MEETING: { description: '会谈' }, CALL: { description: '电话' }, OTHER: { description: '其他' }, INSPECTION: { description: '来访考察: the enterprise visits us' } } });

/** 目标企业: an outside enterprise chosen for a gap node, and where its recruitment stands. */
@ObjectType({ description: '目标企业 target enterprise for a chain node.' })
@Entity('target_enterprise')
export class TargetEnterprise {
  @Field(() => ID) @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'int', name: 'enterprise_id' }) enterpriseId: number;
  @Column({ type: 'int', name: 'chain_node_id' }) chainNodeId: number;
  @Field(() => TargetStatus) @Column({ type: 'enum', enum: TargetStatus, enumName: 'target_status' }) status: TargetStatus;
  @Field(() => String, { nullable: true, description: '招商小分队' }) @Column({ type: 'text', name: 'owner_team', nullable: true }) ownerTeam: string | null;
  @Column({ type: 'int', name: 'owner_official_id', nullable: true }) ownerOfficialId: number | null;
  @Field(() => String, { nullable: true }) @Column({ type: 'text', name: 'next_action', nullable: true }) nextAction: string | null;
  @Field(() => LocalDateScalar, { nullable: true }) @Column({ type: 'date', name: 'next_action_due', nullable: true }) nextActionDue: string | null;
  @Field(() => LocalDateScalar) @Column({ type: 'date', name: 'created_on' }) createdOn: string;
}

/** A visit, meeting or call with a target. */
@ObjectType({ description: 'Recruitment activity with a target enterprise.' })
@Entity('target_activity')
export class TargetActivity {
  @Field(() => ID) @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'int', name: 'target_id' }) targetId: number;
  @Field(() => ActivityKind) @Column({ type: 'enum', enum: ActivityKind, enumName: 'activity_kind' }) kind: ActivityKind;
  @Field(() => LocalDateScalar) @Column({ type: 'date', name: 'occurred_on' }) occurredOn: string;
  @Field(() => String) @Column({ type: 'text' }) note: string;
  @Field(() => String, { nullable: true, description: 'Who took part.' }) @Column({ type: 'text', nullable: true }) participants: string | null;
  @Column({ type: 'int', name: 'recorded_by', nullable: true }) recordedBy: number | null;
}
