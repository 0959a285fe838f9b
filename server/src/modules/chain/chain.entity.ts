import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { numericTransformer } from '../../common/numeric';

export enum ChainSegment { UPSTREAM = 'upstream', MIDSTREAM = 'midstream', DOWNSTREAM = 'downstream' }
registerEnumType(ChainSegment, { name: 'ChainSegment', valuesConfig: { UPSTREAM: { description: '上游' }, MIDSTREAM: { description: '中游' }, DOWNSTREAM: { description: '下游' } } });

/** 产业链: an industrial chain with its leader (链长) and lead department. */
@ObjectType({ description: '产业链 industrial chain.' })
@Entity('chain')
export class Chain {
  @Field(() => ID) @PrimaryGeneratedColumn() id: number;
  @Field(() => String) @Column({ type: 'text' }) code: string;
  @Field(() => String) @Column({ type: 'text' }) name: string;
  @Field(() => String, { nullable: true }) @Column({ type: 'text', nullable: true }) description: string | null;
  @Column({ type: 'int', name: 'leader_official_id', nullable: true }) leaderOfficialId: number | null;
  @Field(() => String, { nullable: true, description: '牵头部门' }) @Column({ type: 'text', name: 'lead_department', nullable: true }) leadDepartment: string | null;
}

/** 产业链环节: a link of a chain, in a segment, with a benchmark for gap analysis. */
@ObjectType({ description: '产业链环节 chain node.' })
@Entity('chain_node')
export class ChainNode {
  @Field(() => ID) @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'int', name: 'chain_id' }) chainId: number;
  @Field(() => ID, { nullable: true, description: 'The parent node\'s id: the edge alone, where `parent` would resolve the whole node.' }) @Column({ type: 'int', name: 'parent_id', nullable: true }) parentId: number | null;
  @Field(() => String) @Column({ type: 'text' }) name: string;
  @Field(() => ChainSegment) @Column({ type: 'enum', enum: ChainSegment, enumName: 'chain_segment' }) segment: ChainSegment;
  @Field(() => Int) @Column({ type: 'int', name: 'sort_order' }) sortOrder: number;
  @Field(() => Boolean, { description: 'False: present nationally but not in the local plan (延链).' }) @Column({ type: 'boolean', name: 'in_local_plan' }) inLocalPlan: boolean;
  @Field(() => Int, { nullable: true, description: 'Target count of local enterprises.' }) @Column({ type: 'int', name: 'benchmark_count', nullable: true }) benchmarkCount: number | null;
  @Field(() => Float, { nullable: true, description: 'Target local output, 万元/年.' }) @Column({ type: 'numeric', name: 'benchmark_output', nullable: true, transformer: numericTransformer }) benchmarkOutput: number | null;
}

/** Local strength of a chain node, per DOMAIN.md "Chain gap analysis" (rule in chain.service.ts). */
export enum NodeStatus { STRONG = 'strong', WEAK = 'weak', MISSING = 'missing', EXTEND = 'extend' }
registerEnumType(NodeStatus, {
  name: 'NodeStatus',
  description: 'Local strength of a chain node against its benchmark.',
  valuesConfig: {
    STRONG: { description: '强: local enterprises meet every benchmark set on the node' },
    WEAK: { description: '弱: some local enterprises, but below a benchmark' },
    MISSING: { description: '缺: no local enterprise mapped' },
    EXTEND: { description: 'Not in the local plan (present nationally): a 延链 candidate' },
  },
});

/** What to do about a chain node: 建链 / 补链 / 强链 / 延链, or nothing. */
export enum GapAction { BUILD = 'build', FILL = 'fill', STRENGTHEN = 'strengthen', EXTEND = 'extend', NONE = 'none' }
registerEnumType(GapAction, {
  name: 'GapAction',
  valuesConfig: {
    BUILD: { description: '建链: the node is missing and the chain has no local enterprise on any planned node' },
    FILL: { description: '补链: the node is missing' },
    STRENGTHEN: { description: '强链: the node is weak' },
    EXTEND: { description: '延链: the node is beyond the local plan' },
    NONE: { description: 'The node is strong' },
  },
});
