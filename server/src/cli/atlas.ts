import 'reflect-metadata';
import { commands } from './commands';

/** `pnpm atlas <command> [args]`: the operator's command line (users, backups, imports). Each command lives in cli/commands/. */
async function run(argv: string[]) {
  // Two-word commands (`import parcels`) take both words as their name; their run() still gets the second word first.
  const [name, ...args] = argv;
  const command = commands.find((c) => c.name === `${name} ${args[0] ?? ''}`) ?? commands.find((c) => c.name === name);
  if (!command) {
    console.log('usage: pnpm atlas <command> [args]\n\ncommands:');
    for (const c of commands) console.log(`  ${c.usage.padEnd(52)} ${c.summary}`);
    process.exit(name && name !== 'help' && name !== '--help' ? 2 : 0);
  }
  process.exitCode = await command.run(args);
}

run(process.argv.slice(2)).catch((e) => { console.error(`atlas: ${(e as Error).message}`); process.exit(1); });
