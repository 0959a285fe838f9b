import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { Role } from './auth-user';

/** An account: a person with a password or an integrator with an API key. */
@ObjectType('User', { description: 'An account and its role.' })
@Entity('app_user')
export class AppUser {
  @Field(() => ID) @PrimaryGeneratedColumn() id: number;
  @Field(() => String) @Column({ type: 'text' }) username: string;
  @Field(() => String) @Column({ type: 'text', name: 'display_name' }) displayName: string;
  @Field(() => Role) @Column({ type: 'enum', enum: Role, enumName: 'user_role' }) role: Role;
  @Column({ type: 'text', name: 'password_hash', nullable: true, select: false }) passwordHash: string | null;
  @Column({ type: 'text', name: 'api_key_hash', nullable: true, select: false }) apiKeyHash: string | null;
  @Column({ type: 'int', name: 'unit_id', nullable: true }) unitId: number | null;
  @Column({ type: 'int', name: 'official_id', nullable: true }) officialId: number | null;
  @Column({ type: 'boolean', name: 'is_demo' }) isDemo: boolean;
  @Column({ type: 'text', name: 'demo_password', nullable: true }) demoPassword: string | null;
}
