import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { Role } from './auth-user';

/**
 * What every view of an account shows (the signed-in Viewer and the admins' User): one definition of the six fields.
 * Abstract and returned by no resolver, so type-graphql (which emits reachable types only) adds no type of its own.
 */
@ObjectType()
export abstract class AccountFields {
  @Field(() => ID) id: number;
  @Field(() => String) username: string;
  @Field(() => String) displayName: string;
  @Field(() => Role) role: Role;
  @Field(() => ID, { nullable: true, description: 'For district officers: their assessment unit.' }) unitId: number | null;
  @Field(() => [ID], { description: 'For chain leaders: the chains they lead.' }) chainIds: number[];
}

@ObjectType('User', { description: 'An account as admins manage it (never its password or keys).' })
export class UserAccount extends AccountFields {
  @Field(() => Boolean, { description: 'A disabled account can neither sign in nor use its sessions or API keys.' }) disabled: boolean;
  @Field(() => Boolean, { description: 'Created by the demo seed.' }) isDemo: boolean;
  @Field(() => Boolean, { description: 'Signs in with a password (otherwise by API key only).' }) hasPassword: boolean;
}

@InputType({ description: 'A new account. Integrator accounts may omit the password and use API keys.' })
export class CreateUserInput {
  @Field(() => String, { description: '3-40 characters: a-z, 0-9, _ . -' }) username: string;
  @Field(() => String) displayName: string;
  @Field(() => Role) role: Role;
  @Field(() => String, { nullable: true, description: 'At least 10 characters.' }) password?: string | null;
  @Field(() => ID, { nullable: true, description: 'Required for DISTRICT.' }) unitId?: string | null;
  @Field(() => [ID], { nullable: true, description: 'For CHAIN_LEADER: the chains they lead.' }) chainIds?: string[] | null;
}

@InputType({ description: 'Changes to an account; omitted fields stay as they are.' })
export class UpdateUserInput {
  @Field(() => String, { nullable: true }) displayName?: string | null;
  @Field(() => Role, { nullable: true }) role?: Role | null;
  @Field(() => Boolean, { nullable: true }) disabled?: boolean | null;
  @Field(() => ID, { nullable: true }) unitId?: string | null;
  @Field(() => [ID], { nullable: true }) chainIds?: string[] | null;
}

@ObjectType({ description: 'An API key as admins see it: never the key itself, which is shown once at creation.' })
export class ApiKey {
  @Field(() => ID) id: number;
  @Field(() => String) name: string;
  @Field(() => ID, { description: 'The account the key acts as (its role still applies).' }) userId: number;
  @Field(() => String) username: string;
  @Field(() => String, { description: 'The first characters of the key, to tell keys apart.' }) prefix: string;
  @Field(() => [String], { description: 'Root mutations the key may call; empty means read-only.' }) mutations: string[];
  @Field(() => Boolean) readOnly: boolean;
  @Field(() => Date) createdAt: Date;
  @Field(() => Date, { nullable: true }) revokedAt: Date | null;
}

@InputType()
export class CreateApiKeyInput {
  @Field(() => String, { description: 'What the key is for, e.g. "统计局 nightly import".' }) name: string;
  @Field(() => ID, { description: 'The account the key acts as.' }) userId: string;
  @Field(() => [String], { nullable: true, description: 'Root mutations the key may call (names from the schema); omit or empty for read-only.' }) mutations?: string[] | null;
}

@ObjectType({ description: 'A new API key. `key` is shown only here: store it now, only its SHA-256 is kept.' })
export class CreatedApiKey {
  @Field(() => String) key: string;
  @Field(() => ApiKey) apiKey: ApiKey;
}
