import { Arg, Ctx, Field, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import type { AtlasContext } from '../common/context';
import { Role, type AuthUser } from './auth-user';
import { AccountFields } from './accounts.types';
import { canCreateProjects, canEditLand } from './policy';

@ObjectType('Viewer', { description: 'The signed-in account.' })
export class Viewer extends AccountFields {
  @Field(() => Boolean, { description: 'Whether this account may file new projects (createProject still checks the unit and chain of each).' }) canCreateProjects: boolean;
  @Field(() => Boolean, { description: 'Whether this account may edit parks and parcels.' }) canEditLand: boolean;
}

@ObjectType()
export class AuthPayload {
  @Field(() => String, { description: 'Send as "Authorization: Bearer <token>".' }) token: string;
  @Field(() => Viewer) user: Viewer;
}

@ObjectType({ description: 'A demo account of the synthetic demo city, listed on the sign-in page.' })
export class DemoAccount {
  @Field(() => String) username: string;
  @Field(() => String) displayName: string;
  @Field(() => Role) role: Role;
  @Field(() => String) password: string;
}

/** The caller with what the web needs to know of the policy (the same functions the services enforce). */
const toViewer = (u: AuthUser): Viewer => ({ ...u, canCreateProjects: canCreateProjects(u), canEditLand: canEditLand(u) });

@Resolver()
export class AuthResolver {
  @Mutation(() => AuthPayload, { description: 'Exchange a username and password for a session token.' })
  async signIn(@Arg('username', () => String) username: string, @Arg('password', () => String) password: string, @Ctx() ctx: AtlasContext): Promise<AuthPayload> {
    const { token, user } = await ctx.auth.signIn(username, password, ctx.clientAddress);
    return { token, user: toViewer(user) };
  }

  @Query(() => Viewer, { nullable: true, description: 'The caller, or null when not signed in.' })
  me(@Ctx() ctx: AtlasContext): Viewer | null { return ctx.user && toViewer(ctx.user); }

  @Query(() => [DemoAccount], { description: 'Demo accounts, only where the demo data was loaded on purpose (empty otherwise, and in production unless ATLAS_SEED=demo).' })
  demoAccounts(@Ctx() ctx: AtlasContext): Promise<DemoAccount[]> { return ctx.auth.demoAccounts(); }
}
