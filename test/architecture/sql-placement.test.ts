import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { sourceFiles } from './import-graph';
import { inlineSql, inlineSqlIn, mayHoldSql } from './sql-placement';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

// STYLE: SQL lives only in `*.sql.ts`, as named parameterised constants (or small builders for per-table statements).
describe('SQL placement in the server', () => {
  const files = sourceFiles(resolve(root, 'server/src'));

  it('sees the server sources and their *.sql.ts files', () => {
    expect(files.length).toBeGreaterThan(200);
    expect(files.filter((f) => f.endsWith('.sql.ts')).length).toBeGreaterThan(10);
  });

  it('has no SQL statement in a string literal outside *.sql.ts and tests', () => {
    expect(inlineSqlIn(files, root)).toEqual([]);
  });
});

describe('inline SQL check (on made-up sources, so it is known to fail when it should)', () => {
  it('finds statements in quotes, backticks and template heads', () => {
    const src = [
      "db.query('SELECT id FROM park WHERE id = $1', [id]);",
      'em.query(`INSERT INTO audit_log (actor_id) VALUES ($1)`, [1]);',
      "sql.query(`\n    UPDATE assessment_unit SET code = $2 WHERE id = $1`);",
      'sql.exec(`DELETE FROM ${ident(name)}`);',
      'sql.query(`UPDATE ${ident(name)} t SET x = 1`);',
      "db.query('WITH x AS (SELECT 1) SELECT * FROM x');",
    ].join('\n');
    expect(inlineSql(src).map((f) => f.line)).toEqual([1, 2, 3, 5, 6, 7]);
  });

  it('leaves prose, fragments and lower-case words alone', () => {
    const src = [
      "const a = 'the audit log is INSERT/SELECT only for it';",
      "const b = '(SELECT pk.* FROM park pk)';",
      "const c = 'select a park first';",
      '// SELECT 1 in a comment',
      "const d = `[atlas] queries run as role ${role}: SELECT only`;",
    ].join('\n');
    expect(inlineSql(src)).toEqual([]);
  });

  it('lets *.sql.ts files and tests hold SQL', () => {
    expect(mayHoldSql('server/src/modules/park/park.sql.ts')).toBe(true);
    expect(mayHoldSql('server/src/modules/park/park.integration.test.ts')).toBe(true);
    expect(mayHoldSql('server/src/modules/park/park.service.ts')).toBe(false);
  });
});
