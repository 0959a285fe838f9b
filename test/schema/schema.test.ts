import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../server/src/config';
import { buildAtlasSchema, printAtlasSchema } from '../../server/src/graphql/schema';

describe('schema/schema.graphql', () => {
  it('is the schema the server code builds (run `pnpm schema:emit` and commit it when this fails)', async () => {
    const committed = readFileSync(join(REPO_ROOT, 'schema', 'schema.graphql'), 'utf8');
    expect(printAtlasSchema(await buildAtlasSchema())).toBe(committed);
  });

  it('exposes every domain entity by id and as a filtered list', async () => {
    const query = (await buildAtlasSchema()).getQueryType()!.getFields();
    for (const [one, many] of [['region', 'regions'], ['park', 'parks'], ['parcel', 'parcels'], ['factoryBuilding', 'factoryBuildings'],
      ['enterprise', 'enterprises'], ['chain', 'chains'], ['chainNode', null], ['targetEnterprise', 'targetEnterprises'], ['official', 'officials'],
      ['assessmentUnit', 'assessmentUnits'], ['project', 'projects']] as const) {
      expect(query[one], one).toBeDefined();
      expect(query[one].args.map((a) => a.name)).toContain('id');
      if (many) expect(query[many].args.map((a) => a.name), many).toEqual(expect.arrayContaining(['first', 'after', 'filter']));
    }
  });
});

describe('README error-code table', () => {
  it('is generated from ERROR_CATALOG (run `pnpm schema:emit` and commit it when this fails)', async () => {
    const { readmeWithErrorTable } = await import('../../server/src/cli/emit-schema');
    const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
    expect(readme).toContain('| `QUERY_TOO_DEEP` | 400 |');
    expect(readmeWithErrorTable(readme)).toBe(readme);
  });
});
