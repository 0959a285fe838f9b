import { createInterface } from 'node:readline';
import { migrate } from '@atlas/db';
import { Role } from '../../auth/auth-user';
import { hashPassword, passwordProblem } from '../../auth/accounts.service';
import { normalizeUsername } from '../../auth/auth.service';
import { loadConfig } from '../../config';
import { openDatabase } from '../../db/database';
import type { CliCommand } from './index';
import { ENTITIES } from '../../entities';
import { USERNAME_EXISTS, UNIT_BY_CODE, CLI_INSERT_USER, CLI_AUDIT_USER_CREATED } from '../cli.sql';

const ROLES = Object.values(Role) as string[];

/** Reads a password without echoing it when stdin is a terminal; one line from stdin otherwise. */
async function promptPassword(question: string): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: Boolean(process.stdin.isTTY) });
  if (process.stdin.isTTY) {
    // Echo nothing of what is typed after the question.
    (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = (s: string) => { if (s.includes(question)) process.stdout.write(s); };
  }
  const answer = await new Promise<string>((resolve) => rl.question(question, resolve));
  rl.close();
  if (process.stdin.isTTY) process.stdout.write('\n');
  return answer;
}

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

/**
 * `pnpm atlas user add NAME --role ROLE [--display-name TEXT] [--unit UNIT_CODE]`: creates an account directly
 * in the database (the first admin of an empty production database). Password from ATLAS_PASSWORD or a prompt.
 */
export const userCommand: CliCommand = {
  name: 'user',
  usage: 'user add NAME --role ROLE [--display-name TEXT] [--unit CODE]',
  summary: 'create an account (the first admin); password from ATLAS_PASSWORD or a prompt',
  async run(args) {
    const [sub, rawName] = args;
    const role = option(args, '--role');
    if (sub !== 'add' || !rawName || rawName.startsWith('--') || !role) {
      console.error(`usage: pnpm atlas ${this.usage}\nroles: ${ROLES.join(', ')}`);
      return 2;
    }
    const username = normalizeUsername(rawName);
    if (!/^[a-z0-9_.-]{3,40}$/.test(username)) { console.error('NAME: use 3-40 characters: a-z, 0-9, _ . -'); return 2; }
    if (!ROLES.includes(role)) { console.error(`--role must be one of: ${ROLES.join(', ')}`); return 2; }
    const unitCode = option(args, '--unit');
    if (role === (Role.DISTRICT as string) && !unitCode) { console.error('a district account needs --unit UNIT_CODE (e.g. U411402)'); return 2; }
    let password = process.env.ATLAS_PASSWORD;
    if (!password) {
      if (!process.stdin.isTTY) { console.error('Set ATLAS_PASSWORD, or run in a terminal to be asked for the password'); return 2; }
      password = await promptPassword(`Password for ${username}: `);
      if (password !== await promptPassword('Repeat it: ')) { console.error('The passwords differ'); return 2; }
    }
    const problem = passwordProblem(password, username);
    if (problem) { console.error(`password ${problem}`); return 2; }
    const hash = await hashPassword(password);
    const config = loadConfig();
    let code = 0;
    const db = await openDatabase({
      databaseUrl: config.databaseUrl, dataDir: config.dataDir, entities: ENTITIES, poolSize: 1, useAppRole: false,
      prepare: async (sql) => {
        await migrate(sql);
        if ((await sql.query(USERNAME_EXISTS, [username])).length) {
          console.error(`An account "${username}" exists already; change it over GraphQL (updateUser, resetPassword)`);
          code = 1;
          return;
        }
        let unitId: number | null = null;
        if (unitCode) {
          const [unit] = await sql.query<{ id: number }>(UNIT_BY_CODE, [unitCode]);
          if (!unit) { console.error(`No assessment unit with code ${unitCode}`); code = 1; return; }
          unitId = unit.id;
        }
        await sql.exec('BEGIN');
        try {
          const [{ id }] = await sql.query<{ id: number }>(
            CLI_INSERT_USER,
            [username, option(args, '--display-name') ?? username, role, hash, unitId]);
          await sql.query(
            CLI_AUDIT_USER_CREATED,
            [`cli:${process.env.USER ?? 'operator'}`, String(id), JSON.stringify({ id, username, role, unitId })]);
          await sql.exec('COMMIT');
          console.log(`Created ${role} account "${username}" (id ${id}).`);
        } catch (e) { await sql.exec('ROLLBACK'); throw e; }
      },
    });
    await db.close();
    return code;
  },
};
