import type { ApolloServerPlugin } from '@apollo/server';
import { defaultFieldResolver, isObjectType, Kind, OperationTypeNode, type GraphQLSchema } from 'graphql';
import { ErrorCode, requestError } from '../common/errors';
import { Role } from '../auth/auth-user';
import { checkTextDeep } from '../common/text';
import { requireUser, assertMayWrite } from '../auth/policy';
import { settleCaller } from '../auth/caller';
import type { AtlasContext } from '../common/context';

/** Mutations anyone may call (they are how one gets credentials). */
const PUBLIC_MUTATIONS = new Set(['signIn']);

/**
 * Runs on every field with arguments, before its resolver: a mutation first checks that the caller may write at all
 * (so a read-only key learns nothing from validation), then every String argument meets the one text rule.
 * Wrapped around those fields' resolvers only (not a type-graphql global middleware, which would wrap every leaf too).
 */
export function applyInputRules(schema: GraphQLSchema): void {
  const mutation = schema.getMutationType();
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      if (field.args.length === 0 && type !== mutation) continue;
      const resolve = field.resolve ?? defaultFieldResolver;
      const guarded = type === mutation && !PUBLIC_MUTATIONS.has(field.name);
      field.resolve = (root, args: Record<string, unknown>, context: AtlasContext, info) => {
        if (guarded) assertMayWrite(requireUser(context.user));
        for (const name in args) checkTextDeep(name, args[name]);
        return resolve(root, args, context, info);
      };
    }
  }
}

/**
 * A read-only caller's mutation is refused before its variables are even coerced, so not even a scalar's format
 * message answers it (403 FORBIDDEN).
 */
export const readOnlyGate: ApolloServerPlugin<AtlasContext> = {
  async requestDidStart() {
    return {
      async didResolveOperation({ operation, contextValue }) {
        if (!operation || operation.operation !== OperationTypeNode.MUTATION) return;
        await settleCaller(contextValue);
        if (contextValue.user?.role !== Role.INTEGRATOR) return;
        if (operation.selectionSet.selections.some((s) => s.kind !== Kind.FIELD || !PUBLIC_MUTATIONS.has(s.name.value))) throw requestError(ErrorCode.FORBIDDEN, 'Your role may not change data (integrator keys are read-only)');
      },
    };
  },
};
