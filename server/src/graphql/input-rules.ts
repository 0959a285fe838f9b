import type { MiddlewareFn } from 'type-graphql';
import { checkTextDeep } from '../common/text';
import { requireUser, assertMayWrite } from '../auth/policy';
import type { AtlasContext } from './context';

/** Mutations anyone may call (they are how one gets credentials). */
const PUBLIC_MUTATIONS = new Set(['signIn']);

/**
 * Runs on every field with arguments, before its resolver: a mutation first checks that the caller may write at all
 * (so a read-only key learns nothing from validation), then every String argument meets the one text rule.
 */
export const InputRules: MiddlewareFn<AtlasContext> = async ({ args, info, context }, next) => {
  if (info.parentType.name === 'Mutation' && !PUBLIC_MUTATIONS.has(info.fieldName)) assertMayWrite(requireUser(context.user));
  for (const name in args) checkTextDeep(name, args[name]);
  return next();
};
