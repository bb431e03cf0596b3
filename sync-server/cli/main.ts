import { processIO } from './io';
import { runCli } from './run-cli';

// `npm run rungs -- validate ./x` runs from the package root; paths the user typed are relative to where they were.
if (process.env.npm_lifecycle_event === 'rungs' && process.env.INIT_CWD) process.chdir(process.env.INIT_CWD);

// `rungs ... | head` closes stdout early; that is not a failure of the command.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code !== 'EPIPE') throw e;
});

process.exitCode = await runCli(process.argv.slice(2), processIO);
