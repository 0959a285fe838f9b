import 'reflect-metadata';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSchema, findBreakingChanges } from 'graphql';
import { REPO_ROOT } from '../config';
import { buildAtlasSchema, printAtlasSchema } from '../graphql/schema';

/** Writes schema/schema.graphql, or with --check fails when it is out of date and lists breaking changes. */
async function run() {
  const file = join(REPO_ROOT, 'schema', 'schema.graphql');
  const sdl = printAtlasSchema(await buildAtlasSchema());
  let committed = '';
  try { committed = readFileSync(file, 'utf8'); } catch { /* first emit */ }
  if (committed && committed !== sdl) {
    const breaking = findBreakingChanges(buildSchema(committed), buildSchema(sdl));
    for (const b of breaking) console.warn(`breaking change: ${b.type}: ${b.description}`);
  }
  if (process.argv.includes('--check')) {
    if (committed !== sdl) {
      console.error('schema/schema.graphql is out of date: run `pnpm schema:emit` and commit it');
      process.exit(1);
    }
    console.log('schema/schema.graphql is up to date');
    return;
  }
  writeFileSync(file, sdl);
  console.log(`wrote ${file}`);
}

run().catch((e) => { console.error(e); process.exit(1); });
