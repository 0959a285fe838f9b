import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import ts from 'typescript';

/** One string literal that starts like an SQL statement, outside the `*.sql.ts` files. */
export interface InlineSql { file: string; line: number; text: string }

// A statement keyword at the start of a literal (after whitespace), in the upper case the house style writes SQL in.
// A template head like `UPDATE ${table} SET` or `DELETE FROM ${table}` is cut at the substitution, so a head that is
// just the keyword counts too.
const STATEMENT = /^\s*(SELECT\s|INSERT\s+INTO\s|UPDATE\s+\S+(\s+\w+)?\s+SET\s|DELETE\s+FROM\s|WITH\s+\w+\s+AS\s*\()/;
const KEYWORD_HEAD = /^\s*(SELECT|INSERT\s+INTO|UPDATE|DELETE\s+FROM|WITH)\s*$/;

/** The string literals and template heads of a TypeScript source that start with an SQL statement keyword. */
export function inlineSql(source: string, file = 'source.ts'): InlineSql[] {
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true);
  const found: InlineSql[] = [];
  const visit = (node: ts.Node) => {
    let text: string | null = null;
    let head = false;
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) text = node.text;
    else if (ts.isTemplateHead(node)) { text = node.text; head = true; }
    if (text !== null && (STATEMENT.test(text) || (head && KEYWORD_HEAD.test(text)))) {
      found.push({ file, line: sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1, text: text.trim().slice(0, 60) });
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

/** Files that may hold SQL text: the `*.sql.ts` modules, and tests (which set up and inspect the database). */
export const mayHoldSql = (file: string) => /\.sql\.ts$/.test(file) || /\.test\.tsx?$/.test(file);

/** Inline SQL in the given files (paths reported relative to `root`), skipping those that may hold SQL. */
export function inlineSqlIn(files: string[], root: string): InlineSql[] {
  return files.filter((f) => !mayHoldSql(f)).flatMap((f) => inlineSql(readFileSync(f, 'utf8'), relative(root, f).split('\\').join('/')));
}
