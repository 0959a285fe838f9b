import type { ApolloServerPlugin } from '@apollo/server';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import { GraphQLError, getNamedType, isListType, isNonNullType, isObjectType, type DocumentNode, type GraphQLOutputType, type GraphQLSchema, type ValidationContext, type ValidationRule } from 'graphql';
import { getComplexity, type ComplexityEstimator } from 'graphql-query-complexity';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../common/pagination';
import { ErrorCode, requestError } from '../common/errors';

/** Every limit a request meets, in one place (README "Limits and error codes" lists them). */
export const LIMITS = {
  /** Nesting of fields, following named and inline fragments. */
  depth: 12,
  /** Estimated rows × fields: a connection multiplies its selection by `first`, a plain list by LIST_SIZE_GUESS. */
  cost: 50_000,
  aliases: 30,
  tokens: 3_000,
  directives: 20,
  /** Bytes of a request body. */
  bodyBytes: 2 * 1024 * 1024,
} as const;

/** A plain list field (stage history, chain nodes…) has no `first`; assume this many items when costing. */
const LIST_SIZE_GUESS = 10;

/** graphql-armor reports a refusal as an uncoded "Syntax Error"; report it again with our code and the limit. */
function coded(code: ErrorCode, what: string, limit: number) {
  return {
    n: limit,
    propagateOnRejection: false,
    onReject: [(ctx: ValidationContext | null, err: GraphQLError) => {
      const found = /found (\d+)/.exec(err.message)?.[1];
      ctx?.reportError(new GraphQLError(`${what} is limited to ${limit}${found ? `; this query has ${found}` : ''}`, { extensions: { code, limit } }));
    }],
  };
}

/** Depth (fragments followed), alias and directive limits as validation rules from graphql-armor. */
export const limitRules: ValidationRule[] = [
  maxDepthRule({ ...coded(ErrorCode.QUERY_TOO_DEEP, 'Query depth (fields nested, fragments included)', LIMITS.depth), flattenFragments: true }),
  maxAliasesRule({ ...coded(ErrorCode.TOO_MANY_ALIASES, 'The number of aliases', LIMITS.aliases) }),
  maxDirectivesRule({ ...coded(ErrorCode.TOO_MANY_DIRECTIVES, 'The number of directives', LIMITS.directives) }),
] as ValidationRule[];

const isList = (t: GraphQLOutputType): boolean => isListType(isNonNullType(t) ? t.ofType : t);

/** Cost of a field: 1 plus its selection times the rows it can return (connections: `first`; their nodes/edges: 1). */
export const listSizeEstimator: ComplexityEstimator = ({ field, args, childComplexity, type }) => {
  if (field.name.startsWith('__')) return 0;
  const named = getNamedType(field.type);
  const isConnection = isObjectType(named) && named.name.endsWith('Connection') && 'first' in args;
  // A page over MAX_PAGE_SIZE is refused by the page check itself (PAGE_TOO_LARGE), so it is costed at the maximum.
  if (isConnection) return 1 + childComplexity * Math.min(typeof args.first === 'number' ? args.first : DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
  const inConnection = isObjectType(type) && type.name.endsWith('Connection');
  if (isList(field.type) && !inConnection) return 1 + childComplexity * LIST_SIZE_GUESS;
  return 1 + childComplexity;
};

/**
 * Costs already computed, per parsed document (Apollo keeps one per query text) and operation name + variables:
 * the estimate walks the whole operation against the schema, so a repeated query should not pay it each time.
 */
const knownCosts = new WeakMap<DocumentNode, Map<string, number>>();
const COSTS_KEPT_PER_DOCUMENT = 100;

function costOf(schema: GraphQLSchema, document: DocumentNode, operationName: string | undefined, variables: Record<string, unknown>): number {
  const key = `${operationName ?? ''}:${JSON.stringify(variables)}`;
  let costs = knownCosts.get(document);
  const known = costs?.get(key);
  if (known !== undefined) return known;
  const cost = getComplexity({ schema, query: document, variables, operationName, estimators: [listSizeEstimator] });
  if (key.length <= 2000) {
    if (!costs) knownCosts.set(document, costs = new Map());
    if (costs.size < COSTS_KEPT_PER_DOCUMENT) costs.set(key, cost);
  }
  return cost;
}

/** Refuses an operation whose estimated cost is over LIMITS.cost before it runs (400, QUERY_TOO_COSTLY). */
export const costLimitPlugin: ApolloServerPlugin = {
  async requestDidStart() {
    return {
      async didResolveOperation({ request, document, schema }) {
        let cost: number;
        try {
          cost = costOf(schema, document, request.operationName, request.variables ?? {});
        } catch {
          return; // variables that do not coerce are refused by execution with a coded error
        }
        if (cost > LIMITS.cost) {
          throw requestError(ErrorCode.QUERY_TOO_COSTLY, `Query cost ${cost} is over the limit of ${LIMITS.cost} (rows asked × fields); ask for smaller pages (first) or fewer nested lists`, { limit: LIMITS.cost, cost });
        }
      },
    };
  },
};
