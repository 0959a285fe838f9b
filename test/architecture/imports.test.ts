import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { findCycles, importsOf, layeringViolations, sourceFiles, type ImportEdge } from './import-graph';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const graph = (dirs: string[]) => dirs.flatMap((d) => sourceFiles(resolve(root, d))).flatMap((f) => importsOf(f, root));

describe('import graph of the repository', () => {
  const server = graph(['server/src', 'db/src']);
  const web = graph(['web/src']);

  it('sees the server files and their imports', () => {
    expect(server.length).toBeGreaterThan(200);
    expect(server.some((e) => e.from === 'server/src/modules/park/park.resolver.ts' && e.to === 'server/src/common/context.ts')).toBe(true);
  });

  // Cycles that matter are the ones that exist at run time: `import type` is erased (as in import-x/no-cycle).
  const runtime = (edges: ImportEdge[]) => edges.filter((x) => !x.typeOnly);

  it('has no import cycle in the server and db packages', () => {
    expect(findCycles(runtime(server))).toEqual([]);
  });

  it('has no import cycle in the web app (lazy import() of pages aside)', () => {
    expect(web.length).toBeGreaterThan(50);
    expect(findCycles(runtime(web))).toEqual([]);
  });

  it('keeps the layering: nothing in common/, db/, auth/ or a module imports the wiring; modules meet only at index.ts', () => {
    expect(layeringViolations(server)).toEqual([]);
  });
});

describe('import graph checks (on small made-up graphs, so they are known to fail when they should)', () => {
  const e = (from: string, to: string, typeOnly = false): ImportEdge => ({ from, to, typeOnly, specifier: to });

  it('finds a cycle of three and a self-import, not a diamond', () => {
    expect(findCycles([e('a', 'b'), e('b', 'c'), e('c', 'a'), e('d', 'd')])).toEqual([['a', 'b', 'c'], ['d']]);
    expect(findCycles([e('a', 'b'), e('a', 'c'), e('b', 'd'), e('c', 'd')])).toEqual([]);
  });

  it('flags a module importing the context from the wiring, common/ importing a module, and a reach around index.ts', () => {
    const bad = layeringViolations([
      e('server/src/modules/park/park.loader.ts', 'server/src/graphql/context.ts', true),
      e('server/src/common/listing.ts', 'server/src/modules/park/index.ts'),
      e('server/src/db/database.ts', 'server/src/entities.ts'),
      e('server/src/modules/parcel/parcel.resolver.ts', 'server/src/modules/project/project.loader.ts'),
      e('server/src/common/audit.ts', 'server/src/auth/policy.ts'),
    ]);
    expect(bad).toHaveLength(5);
    expect(layeringViolations([
      e('server/src/modules/parcel/parcel.resolver.ts', 'server/src/modules/park/index.ts'),
      e('server/src/common/context.ts', 'server/src/auth/auth-user.ts', true),
      e('server/src/graphql/resolvers.ts', 'server/src/modules/park/index.ts'),
    ])).toEqual([]);
  });

  it('reads type-only imports and ignores dynamic import()', () => {
    const src = "import type { A } from './a';\nimport { type B, type C } from './b';\nimport { D } from './d';\nconst x = () => import('./e');";
    const edges = importsOf(resolve(root, 'test/architecture/probe.ts'), root, src);
    // Only files that exist are edges; check the parser on the real files next to this test instead.
    expect(edges).toEqual([]);
    const real = importsOf(resolve(root, 'test/architecture/probe.ts'), root, "import type { ImportEdge } from './import-graph';\nimport { findCycles } from './import-graph';");
    expect(real.map((x) => x.typeOnly)).toEqual([true, false]);
  });
});
