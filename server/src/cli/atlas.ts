import 'reflect-metadata';
import { commands } from './commands';

/** `pnpm atlas <command> [args]`: the operator's command line (users, backups, imports). Each command lives in cli/commands/. */
async function run(argv: string[]) {
  // A two-word command (`import projects`) is named by its first two words.
  const two = commands.find((c) => c.name === `${argv[0]} ${argv[1]}`);
  const [name, ...args] = two ? [two.name, ...argv.slice(2)] : argv;
  const command = two ?? commands.find((c) => c.name === name);
  if (!command) {
    console.log('usage: pnpm atlas <command> [args]\n\ncommands:');
    for (const c of commands) console.log(`  ${c.usage.padEnd(52)} ${c.summary}`);
    process.exit(name && name !== 'help' && name !== '--help' ? 2 : 0);
  }
  process.exitCode = await command.run(args);
}

run(process.argv.slice(2)).catch((e) => { console.error(`atlas: ${(e as Error).message}`); process.exit(1); });
