import type { ApolloServerPlugin } from '@apollo/server';
import { Kind, OperationTypeNode, type FragmentDefinitionNode, type SelectionSetNode } from 'graphql';
import { AtlasError, ErrorCode } from '../common/errors';
import type { AtlasContext } from '../common/context';
import { settleCaller } from './caller';

/** Root field names of a selection set, looking through inline fragments and named fragments. */
function rootFields(set: SelectionSetNode, fragments: Record<string, FragmentDefinitionNode>, seen = new Set<string>()): string[] {
  return set.selections.flatMap((s) => {
    if (s.kind === Kind.FIELD) return [s.name.value];
    if (s.kind === Kind.INLINE_FRAGMENT) return rootFields(s.selectionSet, fragments, seen);
    if (seen.has(s.name.value) || !fragments[s.name.value]) return [];
    seen.add(s.name.value);
    return rootFields(fragments[s.name.value].selectionSet, fragments, seen);
  });
}

/**
 * The one place API-key scopes are enforced: before anything executes (so a refused key learns nothing from
 * validation), every root field of a mutation sent with an API key must be in that key's list. A key with an
 * empty list is read-only. The account's role is still checked by the services afterwards.
 */
export function apiKeyScopePlugin(): ApolloServerPlugin<AtlasContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, document, contextValue }) {
          if (operation?.operation !== OperationTypeNode.MUTATION) return;
          await settleCaller(contextValue);
          const key = contextValue.user?.apiKey;
          if (!key) return;
          const fragments = Object.fromEntries(document.definitions
            .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]));
          const refused = [...new Set(rootFields(operation.selectionSet, fragments))].filter((f) => f !== '__typename' && !key.mutations.includes(f));
          if (refused.length) {
            throw new AtlasError(ErrorCode.FORBIDDEN,
              `This API key (${key.name}) may not call ${refused.join(', ')}: it is ${key.mutations.length ? `limited to ${key.mutations.join(', ')}` : 'read-only'}; ask an admin for a key with that scope`,
              { http: { status: 403 } });
          }
        },
      };
    },
  };
}
