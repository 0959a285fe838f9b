import type { ApolloServerPlugin } from '@apollo/server';
import { Kind, OperationTypeNode } from 'graphql';
import type { MiddlewareFn } from 'type-graphql';
import { ErrorCode, requestError } from '../common/errors';
import { Role } from '../auth/auth-user';
import { checkTextDeep } from '../common/text';
import { requireUser, assertMayWrite } from '../auth/policy';
import type { AtlasContext } from '../common/context';

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

/**
 * A read-only caller's mutation is refused before its variables are even coerced, so not even a scalar's format
 * message answers it (403 FORBIDDEN).
 */
export const readOnlyGate: ApolloServerPlugin<AtlasContext> = {
  async requestDidStart() {
    return {
      async didResolveOperation({ operation, contextValue }) {
        if (!operation || operation.operation !== OperationTypeNode.MUTATION || contextValue.user?.role !== Role.INTEGRATOR) return;
        if (operation.selectionSet.selections.some((s) => s.kind !== Kind.FIELD || !PUBLIC_MUTATIONS.has(s.name.value))) throw requestError(ErrorCode.FORBIDDEN, 'Your role may not change data (integrator keys are read-only)');
      },
    };
  },
};
