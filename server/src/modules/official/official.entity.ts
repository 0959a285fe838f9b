import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** An official: chain leader (链长), responsible leader (包抓领导) or chief service officer (首席服务官). */
@ObjectType({ description: 'An official (链长, 包抓领导, 首席服务官 …).' })
@Entity('official')
export class Official {
  @Field(() => ID) @PrimaryGeneratedColumn() id: number;
  @Field(() => String) @Column({ type: 'text' }) name: string;
  @Field(() => String) @Column({ type: 'text' }) title: string;
  @Field(() => String, { nullable: true }) @Column({ type: 'text', nullable: true }) department: string | null;
  @Field(() => String, { nullable: true }) @Column({ type: 'text', nullable: true }) phone: string | null;
}
