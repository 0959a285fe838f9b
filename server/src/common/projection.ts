import {
  Kind, OperationTypeNode, getArgumentValues, getNamedType, isEnumType, isListType, isNonNullType, isObjectType,
  type FieldNode, type FragmentDefinitionNode, type GraphQLField, type GraphQLObjectType, type GraphQLSchema,
  type OperationDefinitionNode, type SelectionSetNode,
} from 'graphql';
import type { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';
import { parseId } from './filters';
import { toPage, type PageArgs } from './pagination';
import {
  CALLER, CALLER_FROM_ACCOUNT, COMPILED_READ, CONNECTION_PAGE, KNOWN_CALLER, NO_CALLER, NON_NULL, CURSOR, ENUM_ARRAY, ENUM_VALUE, GEOJSON_VALUE, HECTARES_FROM_M2, JSON_ARRAY, JSON_OBJECT, MU_FROM_M2, NAME_LITERAL, NUMERIC_VALUE, ONE_ROW,
  PAGE_HAS_NEXT, PAGE_LAST_ID, PAGE_NODES, ROW_COUNT, ROWS_ARRAY, TEXT_VALUE,
} from './projection.sql';
import { SqlBuilder } from './sql-builder';
import { checkTextDeep } from './text';

// Compiled reads: a query whose every field a module has declared here is answered by ONE SQL statement that builds
// the response JSON (json_build_object / json_agg, one correlated subquery per relation), instead of resolvers, loaders
// and one statement per nesting level. Anything not declared (a field, an argument, a directive, a fragment on another
// type, a filter a service would refuse) makes the whole operation run on the resolvers as before, so the declared SQL
// must answer exactly as the resolvers do: same filters, order, pages, nulls and spelling of values.
// What a field shows may depend on who asks: the statement begins `WITH caller AS (…)`, one row (id, role, chain ids)
// read from the account being checked or given as parameters for a caller already known, and every field's SQL is
// handed that relation's name, so a projection states a caller-dependent value as plainly as any other.

/**
 * SQL over `row`, the alias of the row of the object being built, and `caller`, the relation naming the caller (one row
 * of `id`, `role`, `chain_ids`; none when there is no caller): what a field may show depends on who asks.
 */
type RowSql = (row: string, caller: string) => string;

/** How one GraphQL field of an object type reads from SQL. */
export type FieldSql =
  /**
   * A JSON value computed from the row (a column, or a figure derived from columns). With `requires`, it reads columns
   * only the rows of a relation that `provides` it carry (elsewhere the field is not compiled).
   */
  | { kind: 'value'; sql: RowSql; requires?: string }
  /** At most one row of `table` (aliased `child`), as an object of GraphQL type `type`; null when there is none. */
  | { kind: 'object'; type: string; table: string; on: (parent: string, child: string) => string }
  /**
   * Every row of `from` (the rows' relation aliased `t`, which may depend on the parent row) matching `where`, in
   * `orderBy` order, as a list of `type`; its rows carry the columns named by `provides`.
   */
  | { kind: 'list'; type: string; from: string | RowSql; where?: RowSql; orderBy: string; provides?: string }
  /**
   * The row of `table` whose id is the field's `id` argument (parsed as the resolvers parse it). When the field is
   * non-null and there is no such row, the statement fails and the resolvers answer with their error.
   */
  | { kind: 'byId'; type: string; table: string }
  /**
   * A `<type>Connection` of `table` (aliased `t`) by ascending id, with `first`/`after`: its rows match `where` (the
   * parent relation; none for a root list) and `filter`, the same function the service's list applies to its `filter` argument.
   */
  | { kind: 'connection'; type: string; table: string; where?: RowSql; filter?: (b: SqlBuilder, filter: never) => void };

/**
 * What a module declares for one GraphQL object type: `columns` are fields read straight from the entity's column of the
 * same property name (the JSON spelling follows from the GraphQL and column types), `fields` the rest. Several modules
 * may declare fields of one type (a module declares the relations it resolves, as with its resolvers).
 */
export interface Projection {
  type: string;
  entity?: EntityTarget<ObjectLiteral>;
  columns?: string[];
  fields?: Record<string, FieldSql>;
}

/** areaMu and areaHectares of a row with a stored geodesic `area_m2` (parks, parcels), as their resolvers compute them. */
export const AREA_FIELDS: Record<string, FieldSql> = {
  areaMu: { kind: 'value', sql: (r) => MU_FROM_M2(`${r}.area_m2`) },
  areaHectares: { kind: 'value', sql: (r) => HECTARES_FROM_M2(`${r}.area_m2`) },
};

/**
 * The statement answering an operation: `sql` returns one JSON text per root field, in the order of `keys`, and the
 * caller's account row as JSON in column "caller" when an account check was handed in.
 */
export interface CompiledRead { sql: string; params: unknown[]; keys: string[] }

/** A statement selecting the caller's account row, its placeholders numbered from $1 (AuthService.credentialLookup). */
export interface CallerCheck { sql: string; params: unknown[] }

/** A caller already known (AuthUser): what projections may ask of it. */
export interface KnownCaller { id: number; role: string; chainIds: number[] }

/** Whose read it is: an account still to be checked, or a caller already known. */
export type ReadCaller = CallerCheck | KnownCaller;

/**
 * The caller's relation of a statement: its common table expressions, their parameters (numbered from $1, as the
 * account check numbers them), and whether the statement returns the account row for the check.
 */
interface CallerSource { ctes: string; params: unknown[]; checksAccount: boolean }

const KNOWN_CALLER_SQL = KNOWN_CALLER('$1', '$2', '$3');

function callerSource(caller: ReadCaller | null | undefined): CallerSource {
  if (!caller) return { ctes: NO_CALLER, params: [], checksAccount: false };
  if ('sql' in caller) return { ctes: CALLER_FROM_ACCOUNT(caller.sql), params: caller.params, checksAccount: true };
  return { ctes: KNOWN_CALLER_SQL, params: [caller.id, caller.role, caller.chainIds], checksAccount: false };
}

/** A selection the projections do not cover; the operation runs on the resolvers. */
class Uncompilable extends Error {}

/** json_build_object takes at most 100 arguments. */
const MAX_KEYS = 50;

/** Compiled statements kept per process (by document, operation, variables and kind of caller check); the oldest goes first. */
const CACHE_SIZE = 1000;

/** Turns query operations into one statement when the projections cover every field they select. */
export class ReadCompiler {
  private readonly byType = new Map<string, Map<string, FieldSql>>();
  private readonly cache = new Map<string, CompiledRead | null>();

  /** Checks every projection against the schema and the entity metadata at start-up, so a wrong declaration fails early. */
  constructor(private readonly schema: GraphQLSchema, db: DataSource, projections: readonly Projection[]) {
    for (const p of projections) {
      const type = this.objectType(p.type);
      let fields = this.byType.get(p.type);
      if (!fields) this.byType.set(p.type, (fields = new Map()));
      for (const name of p.columns ?? []) fields.set(name, { kind: 'value', sql: columnValue(db, p.entity, type, name) });
      for (const [name, f] of Object.entries(p.fields ?? {})) {
        const def = type.getFields()[name];
        if (!def) throw new Error(`projection of ${p.type}.${name}: no such field`);
        const expected = f.kind === 'value' ? null : f.kind === 'connection' ? `${f.type}Connection` : f.type;
        if (expected && getNamedType(def.type).name !== expected) throw new Error(`projection of ${p.type}.${name}: the field's type is not ${expected}`);
        fields.set(name, f);
      }
    }
  }

  /**
   * compile, remembered under `key` (the document's hash and operation name) with the variables: nothing else (not the
   * caller, not the time) changes the statement, but for the caller's own parameters, put in afresh.
   */
  compileCached(key: string, op: OperationDefinitionNode, fragments: Record<string, FragmentDefinitionNode>, variables: Record<string, unknown>, caller?: ReadCaller | null): CompiledRead | null {
    const source = callerSource(caller);
    const k = `${key}\u0000${JSON.stringify(variables)}\u0000${source.ctes}`;
    let read = this.cache.get(k);
    if (read === undefined) {
      read = this.compile(op, fragments, variables, source);
      if (this.cache.size >= CACHE_SIZE) this.cache.delete(this.cache.keys().next().value!);
      this.cache.set(k, read);
    }
    return read ? { ...read, params: [...source.params, ...read.params.slice(source.params.length)] } : read;
  }

  /** The statement answering a query operation, or null when some part of it is not declared (or its arguments are refused). */
  private compile(op: OperationDefinitionNode, fragments: Record<string, FragmentDefinitionNode>, variables: Record<string, unknown>, caller: CallerSource): CompiledRead | null {
    if (op.operation !== OperationTypeNode.QUERY || op.directives?.length) return null;
    try {
      const c = new Compilation(fragments, variables);
      // The caller's placeholders come first, as its statement numbers them.
      c.params.push(...caller.params);
      const query = this.schema.getQueryType()!;
      const keys: string[] = [];
      const roots: string[] = [];
      for (const [key, nodes] of c.collect(query, [op.selectionSet])) {
        keys.push(key);
        roots.push(this.field(query, nodes, '', c));
      }
      return { sql: COMPILED_READ(roots, caller.ctes, caller.checksAccount), params: c.params, keys };
    } catch {
      // Uncompilable, or an argument the resolvers would refuse (page size, cursor, filter): they answer with the error.
      return null;
    }
  }

  private objectType(name: string): GraphQLObjectType {
    const t = this.schema.getType(name);
    if (!isObjectType(t)) throw new Error(`projection of ${name}: not an object type of the schema`);
    return t;
  }

  /** The JSON object of `type` over row alias `row` (which carries the columns `provides` names), with the keys selected by `sets`. */
  private object(type: GraphQLObjectType, sets: readonly SelectionSetNode[], row: string, c: Compilation, provides?: string): string {
    const pairs: [string, string][] = [];
    for (const [key, nodes] of c.collect(type, sets)) pairs.push([key, this.field(type, nodes, row, c, provides)]);
    if (pairs.length > MAX_KEYS) throw new Uncompilable('too many keys for one json_build_object');
    return JSON_OBJECT(pairs);
  }

  /** The JSON value of one response key (`nodes`: its field nodes, merged) of an object over row alias `row`. */
  private field(type: GraphQLObjectType, nodes: FieldNode[], row: string, c: Compilation, provides?: string): string {
    const name = nodes[0].name.value;
    if (name === '__typename') return NAME_LITERAL(type.name);
    const def = type.getFields()[name];
    const f = this.byType.get(type.name)?.get(name);
    if (!def || !f) throw new Uncompilable(`${type.name}.${name}`);
    if (f.kind === 'connection') return this.connection(f, def, nodes, row, c);
    if (f.kind === 'byId') return this.byId(f, def, nodes, c);
    if (def.args.length > 0) throw new Uncompilable(`${type.name}.${name} takes arguments`);
    if (f.kind === 'value') {
      if (f.requires && f.requires !== provides) throw new Uncompilable(`${type.name}.${name} outside a relation providing ${f.requires}`);
      return f.sql(row, CALLER);
    }
    const child = c.alias();
    if (f.kind === 'object') {
      // A non-null object relation is a foreign key, so its row exists as it does for the resolver's loader.
      return ONE_ROW(this.object(this.objectType(f.type), selectionSets(nodes), child, c), f.table, child, f.on(row, child));
    }
    const object = this.object(this.objectType(f.type), selectionSets(nodes), child, c, f.provides);
    const from = typeof f.from === 'string' ? f.from : f.from(row, CALLER);
    return ROWS_ARRAY(object, child, from, f.where?.(row, CALLER) ?? 'true', f.orderBy);
  }

  /** A row by its `id` argument; null when there is none, unless the field is non-null (then the resolvers answer). */
  private byId(f: Extract<FieldSql, { kind: 'byId' }>, def: GraphQLField<unknown, unknown>, nodes: FieldNode[], c: Compilation): string {
    const args = getArgumentValues(def, nodes[0], c.variables);
    for (const k of Object.keys(args)) if (k !== 'id') throw new Uncompilable(`argument ${k}`);
    const id = new SqlBuilder(c.params).param(parseId('id', args.id as string));
    const child = c.alias();
    const row = ONE_ROW(this.object(this.objectType(f.type), selectionSets(nodes), child, c), f.table, child, `${child}.id = ${id}`);
    return isNonNullType(def.type) ? NON_NULL(row) : row;
  }

  /** A connection: one page of rows with the selected totalCount, nodes, edges and pageInfo. */
  private connection(f: Extract<FieldSql, { kind: 'connection' }>, def: GraphQLField<unknown, unknown>, nodes: FieldNode[], row: string, c: Compilation): string {
    const args = getArgumentValues(def, nodes[0], c.variables) as PageArgs & { filter?: unknown };
    for (const k of Object.keys(args)) if (k !== 'first' && k !== 'after' && !(k === 'filter' && f.filter)) throw new Uncompilable(`argument ${k}`);
    // The text rule every argument meets on the resolvers (graphql/input-rules.ts).
    for (const k of Object.keys(args)) checkTextDeep(k, (args as Record<string, unknown>)[k]);
    const page = toPage(args);
    const b = new SqlBuilder(c.params);
    if (f.where) b.and(f.where(row, CALLER));
    f.filter?.(b, (args.filter ?? undefined) as never);
    const where = b.where;
    const a = c.alias();
    const first = b.param(page.first);
    const connection = getNamedType(def.type) as GraphQLObjectType;
    const node = this.objectType(f.type);
    const parts: [string, string][] = [];
    for (const [key, sub] of c.collect(connection, selectionSets(nodes))) {
      const name = sub[0].name.value;
      if (name === '__typename') parts.push([key, NAME_LITERAL(connection.name)]);
      else if (name === 'totalCount') parts.push([key, ROW_COUNT(f.table, where)]);
      else if (name === 'nodes') parts.push([key, PAGE_NODES(this.object(node, selectionSets(sub), a, c), a, first)]);
      else if (name === 'edges') {
        const edge = getNamedType(connection.getFields().edges.type) as GraphQLObjectType;
        const pairs: [string, string][] = [];
        for (const [ek, en] of c.collect(edge, selectionSets(sub))) {
          const n = en[0].name.value;
          if (n === '__typename') pairs.push([ek, NAME_LITERAL(edge.name)]);
          else if (n === 'cursor') pairs.push([ek, CURSOR(`${a}.id`)]);
          else if (n === 'node') pairs.push([ek, this.object(node, selectionSets(en), a, c)]);
          else throw new Uncompilable(`${edge.name}.${n}`);
        }
        parts.push([key, PAGE_NODES(JSON_OBJECT(pairs), a, first)]);
      } else if (name === 'pageInfo') {
        const info = getNamedType(connection.getFields().pageInfo.type) as GraphQLObjectType;
        const pairs: [string, string][] = [];
        for (const [pk, pn] of c.collect(info, selectionSets(sub))) {
          const n = pn[0].name.value;
          if (n === '__typename') pairs.push([pk, NAME_LITERAL(info.name)]);
          else if (n === 'hasNextPage') pairs.push([pk, PAGE_HAS_NEXT(first)]);
          else if (n === 'endCursor') pairs.push([pk, CURSOR(PAGE_LAST_ID(a, first))]);
          else throw new Uncompilable(`${info.name}.${n}`);
        }
        parts.push([key, JSON_OBJECT(pairs)]);
      } else throw new Uncompilable(`${connection.name}.${name}`);
    }
    return CONNECTION_PAGE(JSON_OBJECT(parts), f.table, a, where, b.param(page.afterId), b.param(page.first + 1));
  }
}

/** The state of one compilation: the operation's fragments and variables, the statement's parameters, row aliases. */
class Compilation {
  readonly params: unknown[] = [];
  private aliases = 0;

  constructor(private readonly fragments: Record<string, FragmentDefinitionNode>, readonly variables: Record<string, unknown>) {}

  /** A fresh row alias (r1, r2, …): each relation's rows get their own, so nested subqueries never shadow a parent. */
  alias(): string {
    return `r${++this.aliases}`;
  }

  /**
   * The fields selected on `type` by response key, in first-seen order (graphql's collectFields), fragments followed
   * when their type condition is `type` itself. Directives (@skip, @include) and fragments on other types are left to the resolvers.
   */
  collect(type: GraphQLObjectType, sets: readonly SelectionSetNode[]): Map<string, FieldNode[]> {
    const out = new Map<string, FieldNode[]>();
    const visit = (set: SelectionSetNode) => {
      for (const s of set.selections) {
        if (s.directives?.length) throw new Uncompilable('directive');
        if (s.kind === Kind.FIELD) {
          const key = s.alias?.value ?? s.name.value;
          const list = out.get(key);
          if (list) list.push(s);
          else out.set(key, [s]);
        } else {
          const fragment = s.kind === Kind.INLINE_FRAGMENT ? s : this.fragments[s.name.value];
          if (!fragment || (fragment.typeCondition && fragment.typeCondition.name.value !== type.name)) throw new Uncompilable('fragment on another type');
          if (fragment.directives?.length) throw new Uncompilable('directive');
          visit(fragment.selectionSet);
        }
      }
    };
    for (const set of sets) visit(set);
    return out;
  }
}

const selectionSets = (nodes: FieldNode[]) => nodes.map((n) => n.selectionSet).filter((s): s is SelectionSetNode => s !== undefined);

/**
 * The JSON of a column-backed field as the resolvers serialise it: ids as text, enums as their upper-case names
 * (checked against the GraphQL enum), numeric as float8, dates as ISO text, geometry as GeoJSON.
 */
function columnValue(db: DataSource, entity: EntityTarget<ObjectLiteral> | undefined, type: GraphQLObjectType, field: string): RowSql {
  const col = entity ? db.getMetadata(entity).columns.find((c) => c.propertyName === field) : undefined;
  const def = type.getFields()[field];
  if (!col || !def) throw new Error(`projection of ${type.name}.${field}: no such column or field`);
  const name = `"${col.databaseName}"`;
  const unwrapped = isNonNullType(def.type) ? def.type.ofType : def.type;
  const named = getNamedType(def.type);
  const dbType = String(col.type);
  const fail = () => new Error(`projection of ${type.name}.${field}: no JSON spelling for ${named.name} from a ${dbType} column`);
  if (isEnumType(named)) {
    if (!named.getValues().every((v) => v.name === String(v.value).toUpperCase())) throw fail();
    return isListType(unwrapped) ? (r) => ENUM_ARRAY(`${r}.${name}`) : (r) => ENUM_VALUE(`${r}.${name}`);
  }
  if (isListType(unwrapped)) {
    if (named.name !== 'String' || !col.isArray) throw fail();
    return (r) => JSON_ARRAY(`${r}.${name}`);
  }
  switch (named.name) {
    case 'ID': return (r) => TEXT_VALUE(`${r}.${name}`);
    case 'GeoJSON': return (r) => GEOJSON_VALUE(`${r}.${name}`);
    case 'LocalDate': if (dbType !== 'date') throw fail(); return (r) => TEXT_VALUE(`${r}.${name}`);
    case 'Float': return dbType === 'numeric' ? (r) => NUMERIC_VALUE(`${r}.${name}`) : (r) => `${r}.${name}`;
    case 'Int': case 'String': case 'Boolean': return (r) => `${r}.${name}`;
    default: throw fail();
  }
}
