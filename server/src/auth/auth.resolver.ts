import { Arg, Ctx, Field, ID, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import type { AtlasContext } from '../graphql/context';
import { Role, type AuthUser } from './auth-user';

@ObjectType('Viewer', { description: 'The signed-in account.' })
export class Viewer {
  @Field(() => ID) id: number;
  @Field(() => String) username: string;
  @Field(() => String) displayName: string;
  @Field(() => Role) role: Role;
  @Field(() => ID, { nullable: true, description: 'For district officers: their assessment unit.' }) unitId: number | null;
  @Field(() => [ID], { description: 'For chain leaders: the chains they lead.' }) chainIds: number[];
}

@ObjectType()
export class AuthPayload {
  @Field(() => String, { description: 'Send as "Authorization: Bearer <token>".' }) token: string;
  @Field(() => Viewer) user: AuthUser;
}

@ObjectType({ description: 'A demo account of the synthetic demo city, listed on the sign-in page.' })
export class DemoAccount {
  @Field(() => String) username: string;
  @Field(() => String) displayName: string;
  @Field(() => Role) role: Role;
  @Field(() => String) password: string;
}

@Resolver()
export class AuthResolver {
  @Mutation(() => AuthPayload, { description: 'Exchange a username and password for a session token.' })
  signIn(@Arg('username', () => String) username: string, @Arg('password', () => String) password: string, @Ctx() ctx: AtlasContext) {
    return ctx.auth.signIn(username, password, ctx.clientAddress);
  }

  @Query(() => Viewer, { nullable: true, description: 'The caller, or null when not signed in.' })
  me(@Ctx() ctx: AtlasContext): AuthUser | null { return ctx.user; }

  @Query(() => [DemoAccount], { description: 'Demo accounts, only where the demo data was loaded on purpose (empty otherwise, and in production unless ATLAS_SEED=demo).' })
  demoAccounts(@Ctx() ctx: AtlasContext): Promise<DemoAccount[]> { return ctx.auth.demoAccounts(); }
}
