import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { LocalDateScalar } from '../../common/local-date.scalar';
import { numericTransformer } from '../../common/numeric';
import type { Geometry } from 'geojson';
import { GeoJSONScalar } from '../../common/geojson.scalar';
import { TargetEnterprise, TargetStatus } from '../target';
import { Project } from '../project';
import type { AuthUser } from '../../auth/auth-user';

/** One weight of the candidate score (DOMAIN.md: weights are data). */
@ObjectType({ description: 'A weight of the candidate score; tag:<tag> and source:<region> weigh each tag and priority source region.' })
@Entity('candidate_weight')
export class CandidateWeight {
  @Field(() => String) @PrimaryColumn({ type: 'text' }) factor: string;
  @Field(() => Float) @Column({ type: 'numeric', transformer: numericTransformer }) weight: number;
  @Field(() => String) @Column({ type: 'text' }) description: string;
}

/** 提醒制 / 淘汰制 day counts. */
export enum PipelineRuleKey { REMINDER_DAYS = 'reminder_days', ELIMINATION_DAYS = 'elimination_days' }
registerEnumType(PipelineRuleKey, {
  name: 'PipelineRuleKey',
  valuesConfig: { REMINDER_DAYS: { description: '提醒制 N: days without activity before a reminder' }, ELIMINATION_DAYS: { description: '淘汰制 M: days a lead may stand still before it is proposed for elimination' } },
});

@ObjectType({ description: 'A configurable day count of the 五项制度 (seed 003).' })
@Entity('pipeline_rule')
export class PipelineRule {
  @Field(() => PipelineRuleKey) @PrimaryColumn({ type: 'text' }) key: PipelineRuleKey;
  @Field(() => Int) @Column({ type: 'int' }) days: number;
  @Field(() => String) @Column({ type: 'text' }) description: string;
}

/** A status a target entered, with its date. */
@ObjectType({ description: 'A status a target entered, and when.' })
@Entity('target_status_event')
export class TargetStatusEvent {
  @Field(() => ID) @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'int', name: 'target_id' }) targetId: number;
  @Field(() => TargetStatus) @Column({ type: 'enum', enum: TargetStatus, enumName: 'target_status' }) status: TargetStatus;
  @Field(() => LocalDateScalar) @Column({ type: 'date', name: 'entered_on' }) enteredOn: string;
  @Field(() => String, { nullable: true, description: 'Why it was dropped (淘汰).' }) @Column({ type: 'text', nullable: true }) reason: string | null;
  @Column({ type: 'int', name: 'actor_id', nullable: true }) actorId: number | null;
}

@ObjectType({ description: 'One part of a candidate score: points = raw × weight.' })
export class ScorePart {
  @Field(() => String, { description: 'fit, scale, link, tag:<tag>, source:<region>, dropped, in_pipeline' }) factor: string;
  @Field(() => Float) raw: number;
  @Field(() => Float) weight: number;
  @Field(() => Float) points: number;
}

@ObjectType({ description: 'An outside enterprise ranked for a chain node, with its score explained.' })
export class Candidate {
  enterpriseId: number;
  chainNodeId: number;
  existingTargetId: number | null;
  @Field(() => Int, { description: '1 for the best.' }) rank: number;
  @Field(() => Float, { description: 'Σ parts.points.' }) score: number;
  @Field(() => [ScorePart]) parts: ScorePart[];
}

@ObjectType({ description: 'A suggested firm-to-node mapping, with the reason.' })
export class MappingSuggestion {
  enterpriseId: number;
  chainNodeId: number;
  @Field(() => String, { description: 'industry:<code> when the industry class matches, else keyword:<word> found in the name.' }) reason: string;
}

export enum PipelineFlagKind { REMINDER = 'reminder', ELIMINATION = 'elimination' }
registerEnumType(PipelineFlagKind, { name: 'PipelineFlagKind', valuesConfig: { REMINDER: { description: '提醒制' }, ELIMINATION: { description: '淘汰制: proposed for elimination' } } });

@ObjectType({ description: 'A target or project flagged by 提醒制 or 淘汰制 as of a date.' })
export class PipelineFlag {
  targetId: number | null;
  projectId: number | null;
  @Field(() => PipelineFlagKind) flag: PipelineFlagKind;
  @Field(() => String, { description: 'Target status or project stage (lower case) as of the date.' }) status: string;
  @Field(() => LocalDateScalar, { description: 'Last activity (reminder) or last move (elimination).' }) since: string;
  @Field(() => Int) idleDays: number;
}

@ObjectType({ description: '提醒制 / 淘汰制 as of a date.' })
export class PipelineFlags {
  @Field(() => LocalDateScalar) asOf: string;
  @Field(() => Int, { description: 'N of 提醒制.' }) reminderDays: number;
  @Field(() => Int, { description: 'M of 淘汰制.' }) eliminationDays: number;
  @Field(() => [PipelineFlag], { description: 'Longest idle first.' }) reminders: PipelineFlag[];
  @Field(() => [PipelineFlag], { description: 'Longest idle first.' }) eliminations: PipelineFlag[];
  @Field(() => Int, { description: 'All reminders, also when the list is cut short.' }) reminderCount: number;
  @Field(() => Int, { description: 'All elimination proposals, also when the list is cut short.' }) eliminationCount: number;
}

@ObjectType({ description: '我的链: a chain leader\'s working view of their chains.' })
export class ChainWorkspace {
  chainIds: number[];
  user: AuthUser;
  @Field(() => LocalDateScalar) asOf: string;
}

@ObjectType({ description: 'How many targets stand at one status.' })
export class TargetStatusCount {
  @Field(() => TargetStatus) status: TargetStatus;
  @Field(() => Int) count: number;
}

/** A target as the workspace board reads it: the target_enterprise row, plus its chain, no entity hydration. */
export interface TargetRow {
  id: number; enterpriseId: number; chainNodeId: number; chainId: number; status: TargetStatus; ownerTeam: string | null;
  ownerOfficialId: number | null; nextAction: string | null; nextActionDue: string | null; createdOn: string;
}

@ObjectType({ description: 'One page of the workspace target board, with its totals computed over every matching target.' })
export class WorkspaceTargetPage {
  @Field(() => Int, { description: 'Targets matching every filter.' }) totalCount: number;
  @Field(() => Int, { description: 'Of those, open targets whose next action is overdue.' }) overdueCount: number;
  @Field(() => [TargetStatusCount], { description: 'Targets per status matching every filter except the status one (zero counts left out), in pipeline order.' }) byStatus: TargetStatusCount[];
  @Field(() => [TargetEnterprise], { description: 'This page: overdue next actions first, then by due date (none last), dropped last, then id.' }) nodes: TargetRow[];
}

@ObjectType({ description: 'One page of the projects out of the workspace chains, with totals over all of them.' })
export class WorkspaceProjectPage {
  projectIds: number[];
  @Field(() => [Project], { description: 'This page, newest first.' }) nodes: Project[];
  @Field(() => Int) totalCount: number;
  @Field(() => Float, { description: 'Σ 协议投资 万元 of all of them.' }) agreedInvestment: number;
  @Field(() => Float, { description: 'Σ funds in place (到位资金) 万元 of all of them, up to asOf.' }) fundsInPlace: number;
}

@ObjectType({ description: 'Where it would come to, and how many open targets of a city would.' })
export class PipelineDestination {
  @Field(() => GeoJSONScalar, { description: 'Point: the project, else the node cluster, else the chain cluster.' }) to: Geometry;
  @Field(() => Int) count: number;
}

@ObjectType({ description: 'A home city of open targets on the China-scale map.' })
export class PipelineCity {
  @Field(() => String) city: string;
  @Field(() => GeoJSONScalar, { description: 'Point: centroid of the targets\' locations in the city.' }) location: Geometry;
  @Field(() => Int, { description: 'Open (not dropped) targets from this city.' }) count: number;
  @Field(() => [PipelineDestination]) destinations: PipelineDestination[];
}
