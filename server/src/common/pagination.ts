import { ArgsType, Field, Int, ObjectType, type ClassType } from 'type-graphql';
import { AtlasError, ErrorCode } from './errors';

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 500;

@ArgsType()
export class PageArgs {
  @Field(() => Int, { nullable: true, description: `Page size, ${DEFAULT_PAGE_SIZE} by default, at most ${MAX_PAGE_SIZE}.` })
  first?: number;

  @Field(() => String, { nullable: true, description: 'The endCursor of the previous page.' })
  after?: string;
}

/** A validated page request: keyset pagination on ascending id; `withTotal: false` when nobody asked for totalCount. */
export interface Page { first: number; afterId: number; withTotal?: boolean }

export const encodeCursor = (id: number) => Buffer.from(`id:${id}`).toString('base64url');

export function toPage(args: PageArgs): Page {
  const first = args.first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw new AtlasError(ErrorCode.PAGE_TOO_LARGE, `first must be between 1 and ${MAX_PAGE_SIZE}; got ${first}. Page through larger results with after.`, { max: MAX_PAGE_SIZE });
  }
  let afterId = 0;
  if (args.after) {
    const m = /^id:(\d{1,10})$/.exec(Buffer.from(args.after, 'base64url').toString());
    // Ids are int4: a larger number was never a cursor of ours.
    if (!m || Number(m[1]) > 2_147_483_647) throw new AtlasError(ErrorCode.INVALID_CURSOR, `after "${args.after}" is not a cursor returned by this API; pass a pageInfo.endCursor or edges.cursor value`);
    afterId = Number(m[1]);
  }
  return { first, afterId };
}

@ObjectType()
export class PageInfo {
  @Field(() => Boolean) hasNextPage: boolean;
  @Field(() => String, { nullable: true }) endCursor: string | null;
}

/** What a service returns for one page; resolvers turn it into a connection. */
export interface PageResult<T extends { id: number }> { nodes: T[]; totalCount: number; hasNextPage: boolean }

export interface ConnectionShape<T> {
  totalCount: number;
  nodes: T[];
  edges: { cursor: string; node: T }[];
  pageInfo: PageInfo;
}

export function toConnection<T extends { id: number }>(r: PageResult<T>): ConnectionShape<T> {
  const edges = r.nodes.map((node) => ({ cursor: encodeCursor(node.id), node }));
  return { totalCount: r.totalCount, nodes: r.nodes, edges, pageInfo: { hasNextPage: r.hasNextPage, endCursor: edges.at(-1)?.cursor ?? null } };
}

/** Builds `<Name>Connection` and `<Name>Edge` object types for a node type (Relay-style, plus nodes and totalCount). */
export function Connection<T extends object>(Node: ClassType<T>) {
  @ObjectType(`${Node.name}Edge`)
  class Edge {
    @Field(() => String) cursor: string;
    @Field(() => Node) node: T;
  }
  @ObjectType(`${Node.name}ConnectionBase`)
  abstract class ConnectionType {
    @Field(() => Int, { description: 'Number of rows matching the filter, over all pages.' }) totalCount: number;
    @Field(() => [Node]) nodes: T[];
    @Field(() => [Edge]) edges: Edge[];
    @Field(() => PageInfo) pageInfo: PageInfo;
  }
  return ConnectionType;
}
