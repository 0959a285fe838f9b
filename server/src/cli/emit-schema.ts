import 'reflect-metadata';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSchema, findBreakingChanges } from 'graphql';
import { REPO_ROOT } from '../config';
import { buildAtlasSchema, printAtlasSchema } from '../graphql/schema';

const read = (file: string) => { try { return readFileSync(file, 'utf8'); } catch { return ''; } };

/** Lists what integrators would break on between two SDL texts. */
function reportBreaking(before: string, after: string, label: string): number {
  const changes = findBreakingChanges(buildSchema(before), buildSchema(after));
  for (const c of changes) console.warn(`breaking change (${label}): ${c.type}: ${c.description}`);
  if (!changes.length) console.log(`no breaking changes (${label})`);
  return changes.length;
}

/**
 * `emit-schema`            writes schema/schema.graphql
 * `emit-schema --check`    fails when the committed file differs from the code
 * `emit-schema --breaking-against FILE`  lists breaking changes from FILE to the current schema
 */
async function run() {
  const file = join(REPO_ROOT, 'schema', 'schema.graphql');
  const sdl = printAtlasSchema(await buildAtlasSchema());
  const committed = read(file);
  const against = process.argv.indexOf('--breaking-against');
  if (against > 0) {
    reportBreaking(read(process.argv[against + 1]), sdl, `against ${process.argv[against + 1]}`);
    return;
  }
  if (committed && committed !== sdl) reportBreaking(committed, sdl, 'against the committed file');
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
