import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { GraphQLJSON } from 'graphql-scalars';

/** One row of the append-only audit log (read here; written only by recordAudit): who changed what, when, before and after. */
@ObjectType({ description: 'An audited write: who, when, what, before and after.' })
@Entity('audit_log')
export class AuditEntry {
  @Field(() => ID) @PrimaryColumn({ type: 'bigint', transformer: { to: (v: number) => v, from: (v: string) => Number(v) } }) id: number;
  @Field(() => Date) @Column({ type: 'timestamptz' }) at: Date;
  @Column({ type: 'int', name: 'actor_id', nullable: true }) actorId: number | null;
  @Field(() => String, { description: 'Username of the actor.' }) @Column({ type: 'text', name: 'actor_name' }) actorName: string;
  @Field(() => String, { description: 'create, update, move_stage, record_fund_arrival …' }) @Column({ type: 'text' }) action: string;
  @Field(() => String, { description: 'Table name: project, park, parcel, fund_arrival …' }) @Column({ type: 'text' }) entity: string;
  @Field(() => ID) @Column({ type: 'text', name: 'entity_id' }) entityId: string;
  @Field(() => GraphQLJSON, { nullable: true }) @Column({ type: 'jsonb', nullable: true }) before: unknown;
  @Field(() => GraphQLJSON, { nullable: true }) @Column({ type: 'jsonb', nullable: true }) after: unknown;
}
