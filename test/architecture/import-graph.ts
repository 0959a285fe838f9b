import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

/** One static import or re-export between two files of the repository (paths relative to the root, with `/`). */
export interface ImportEdge {
  from: string;
  to: string;
  /** `import type` / `export type` (or every named binding marked `type`): erased at run time. */
  typeOnly: boolean;
  specifier: string;
}

const EXTENSIONS = ['.ts', '.tsx', '.mts'];

/** Every .ts/.tsx file under `dir` (no node_modules, no dist). */
export function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'dist' || name === 'generated') continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...sourceFiles(p));
    else if (EXTENSIONS.some((e) => name.endsWith(e)) && !name.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

function resolveRelative(fromFile: string, specifier: string): string | null {
  const base = resolve(dirname(fromFile), specifier);
  for (const candidate of [base, ...EXTENSIONS.map((e) => base + e), ...EXTENSIONS.map((e) => join(base, 'index' + e))]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return null;
}

/** The static imports and re-exports of one file that point at files of the repository (dynamic `import()` is lazy and left out). */
export function importsOf(file: string, root: string, text = readFileSync(file, 'utf8')): ImportEdge[] {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false);
  const edges: ImportEdge[] = [];
  for (const st of sf.statements) {
    let specifier: string | null = null;
    let typeOnly = false;
    if (ts.isImportDeclaration(st) && ts.isStringLiteral(st.moduleSpecifier)) {
      specifier = st.moduleSpecifier.text;
      const clause = st.importClause;
      const named = clause?.namedBindings && ts.isNamedImports(clause.namedBindings) ? clause.namedBindings.elements : null;
      typeOnly = !!clause && (clause.isTypeOnly || (!clause.name && !!named && named.length > 0 && named.every((e) => e.isTypeOnly)));
    } else if (ts.isExportDeclaration(st) && st.moduleSpecifier && ts.isStringLiteral(st.moduleSpecifier)) {
      specifier = st.moduleSpecifier.text;
      typeOnly = st.isTypeOnly;
    }
    if (!specifier || !specifier.startsWith('.')) continue;
    const target = resolveRelative(file, specifier);
    if (target) edges.push({ from: rel(root, file), to: rel(root, target), typeOnly, specifier });
  }
  return edges;
}

const rel = (root: string, p: string) => relative(root, p).split('\\').join('/');

/** Strongly connected components with more than one file (or a file importing itself): the import cycles. */
export function findCycles(edges: readonly Pick<ImportEdge, 'from' | 'to'>[]): string[][] {
  const next = new Map<string, string[]>();
  for (const e of edges) {
    if (!next.has(e.from)) next.set(e.from, []);
    next.get(e.from)!.push(e.to);
    if (!next.has(e.to)) next.set(e.to, []);
  }
  // Tarjan's algorithm, iterative so deep graphs cannot overflow the stack.
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const cycles: string[][] = [];
  for (const start of next.keys()) {
    if (idx.has(start)) continue;
    const work: { node: string; i: number }[] = [{ node: start, i: 0 }];
    idx.set(start, index); low.set(start, index); index++; stack.push(start); onStack.add(start);
    while (work.length) {
      const top = work[work.length - 1];
      const succ = next.get(top.node)!;
      if (top.i < succ.length) {
        const w = succ[top.i++];
        if (!idx.has(w)) {
          idx.set(w, index); low.set(w, index); index++; stack.push(w); onStack.add(w);
          work.push({ node: w, i: 0 });
        } else if (onStack.has(w)) {
          low.set(top.node, Math.min(low.get(top.node)!, idx.get(w)!));
        }
        continue;
      }
      work.pop();
      if (work.length) {
        const parent = work[work.length - 1].node;
        low.set(parent, Math.min(low.get(parent)!, low.get(top.node)!));
      }
      if (low.get(top.node) === idx.get(top.node)) {
        const scc: string[] = [];
        let w: string;
        do { w = stack.pop()!; onStack.delete(w); scc.push(w); } while (w !== top.node);
        if (scc.length > 1 || succ.includes(top.node)) cycles.push(scc.sort());
      }
    }
  }
  return cycles;
}

/** Which server layer a file belongs to (paths relative to the repository root). */
export function serverLayer(path: string): 'common' | 'db' | 'auth' | 'module' | 'wiring' | 'other' {
  if (path.startsWith('db/src/') || path.startsWith('server/src/db/')) return 'db';
  if (path.startsWith('server/src/common/')) return 'common';
  if (path.startsWith('server/src/auth/')) return 'auth';
  if (path.startsWith('server/src/modules/')) return 'module';
  if (/^server\/src\/(graphql|http|cli)\//.test(path) || /^server\/src\/(app|bootstrap|main|entities)\.ts$/.test(path)) return 'wiring';
  return 'other';
}

/** The domain module a file belongs to (`server/src/modules/park/park.sql.ts` → `park`). */
export const moduleOf = (path: string): string | null => /^server\/src\/modules\/([^/]+)\//.exec(path)?.[1] ?? null;

/** Imports that break the layering: into the server wiring from below, into a domain module from common/ or db/, or around a module's index.ts. */
export function layeringViolations(edges: readonly ImportEdge[]): string[] {
  const out: string[] = [];
  for (const e of edges) {
    const from = serverLayer(e.from);
    const to = serverLayer(e.to);
    const line = `${e.from} imports ${e.to}`;
    if (from === 'other' || from === 'wiring') continue;
    if (to === 'wiring') out.push(`${line}: ${from} code must not import the server wiring (graphql/, http/, cli/, app, bootstrap, main, entities)`);
    if ((from === 'common' || from === 'db') && to === 'module') out.push(`${line}: common/ and db/ must not import a domain module`);
    if ((from === 'common' || from === 'db') && to === 'auth' && !e.typeOnly) out.push(`${line}: common/ and db/ may only import auth types (import type)`);
    if (from === 'auth' && to === 'module') out.push(`${line}: auth/ must not import a domain module`);
    const a = moduleOf(e.from);
    const b = moduleOf(e.to);
    if (a && b && a !== b && !e.to.endsWith(`/modules/${b}/index.ts`)) out.push(`${line}: import the ${b} module through its index.ts`);
  }
  return out;
}
