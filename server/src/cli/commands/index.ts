import { backupCommand, restoreCommand } from './backup';
import { userCommand } from './user';

import { importProjects } from './import-projects';
import { importParcelsCommand } from './import-parcels';
import { importParksCommand } from './import-parks';

/** One operator command: `pnpm atlas <name> …`. `run` returns the process exit code. */
export interface CliCommand {
  name: string;
  usage: string;
  summary: string;
  run(args: string[]): Promise<number>;
}

/** Every `pnpm atlas` command, in the order `pnpm atlas help` lists them. Add a command by adding a line here. */
export const commands: CliCommand[] = [
  userCommand,
  backupCommand,
  restoreCommand,
  importProjects,
  importParcelsCommand,
  importParksCommand,
];
