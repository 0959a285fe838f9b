import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { Role } from './auth-user';

/** An account: a person with a password, or an integrator account that signs in by API key (table api_key). */
@Entity('app_user')
export class AppUser {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'text' }) username: string;
  @Column({ type: 'text', name: 'display_name' }) displayName: string;
  @Column({ type: 'enum', enum: Role, enumName: 'user_role' }) role: Role;
  @Column({ type: 'text', name: 'password_hash', nullable: true, select: false }) passwordHash: string | null;
  @Column({ type: 'int', name: 'unit_id', nullable: true }) unitId: number | null;
  @Column({ type: 'int', name: 'official_id', nullable: true }) officialId: number | null;
  @Column({ type: 'boolean', name: 'is_demo' }) isDemo: boolean;
  @Column({ type: 'text', name: 'demo_password', nullable: true, select: false }) demoPassword: string | null;
  @Column({ type: 'boolean' }) disabled: boolean;
}
