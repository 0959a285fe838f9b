import { Arg, Ctx, ID, Info, Mutation, Query, Resolver } from 'type-graphql';
import type { GraphQLResolveInfo } from 'graphql';
import type { AtlasContext } from '../common/context';
import { AccountService } from './accounts.service';
import { ApiKey, CreateApiKeyInput, CreatedApiKey, CreateUserInput, UpdateUserInput, UserAccount } from './accounts.types';
import { requireUser } from './policy';

@Resolver()
export class AccountResolver {
  @Mutation(() => Boolean, { description: 'Change your own password (the current one is required); earlier sessions end. Audited.' })
  changePassword(@Arg('oldPassword', () => String) oldPassword: string, @Arg('newPassword', () => String) newPassword: string, @Ctx() ctx: AtlasContext) {
    return new AccountService(ctx.db, ctx.auth).changeOwnPassword(requireUser(ctx.user), oldPassword, newPassword);
  }

  @Mutation(() => Boolean, { description: 'Admin: set a new password for an account; its sessions end. Audited.' })
  resetPassword(@Arg('userId', () => ID) userId: string, @Arg('newPassword', () => String) newPassword: string, @Ctx() ctx: AtlasContext) {
    return new AccountService(ctx.db, ctx.auth).resetPassword(requireUser(ctx.user), userId, newPassword);
  }

  @Query(() => [UserAccount], { description: 'Admin: every account.' })
  users(@Ctx() ctx: AtlasContext) {
    return new AccountService(ctx.db, ctx.auth).list(requireUser(ctx.user));
  }

  @Mutation(() => UserAccount, { description: 'Admin: create an account. Audited.' })
  createUser(@Arg('input', () => CreateUserInput) input: CreateUserInput, @Ctx() ctx: AtlasContext) {
    return new AccountService(ctx.db, ctx.auth).create(requireUser(ctx.user), input);
  }

  @Mutation(() => UserAccount, { description: 'Admin: change an account’s name, role, scope, or disable it. Audited.' })
  updateUser(@Arg('id', () => ID) id: string, @Arg('input', () => UpdateUserInput) input: UpdateUserInput, @Ctx() ctx: AtlasContext) {
    return new AccountService(ctx.db, ctx.auth).update(requireUser(ctx.user), id, input);
  }

  @Query(() => [ApiKey], { description: 'Admin: every API key (never the keys themselves).' })
  apiKeys(@Ctx() ctx: AtlasContext) {
    return new AccountService(ctx.db, ctx.auth).listKeys(requireUser(ctx.user));
  }

  @Mutation(() => CreatedApiKey, { description: 'Admin: create an API key for an account, read-only or limited to named mutations. The key is shown once. Audited.' })
  createApiKey(@Arg('input', () => CreateApiKeyInput) input: CreateApiKeyInput, @Ctx() ctx: AtlasContext, @Info() info: GraphQLResolveInfo) {
    const known = Object.keys(info.schema.getMutationType()?.getFields() ?? {});
    return new AccountService(ctx.db, ctx.auth).createKey(requireUser(ctx.user), input, known);
  }

  @Mutation(() => ApiKey, { description: 'Admin: revoke an API key at once. Audited.' })
  revokeApiKey(@Arg('id', () => ID) id: string, @Ctx() ctx: AtlasContext) {
    return new AccountService(ctx.db, ctx.auth).revokeKey(requireUser(ctx.user), id);
  }
}
