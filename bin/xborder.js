#!/usr/bin/env node
// Thin shim: the CLI returns an exit code; a crash is exit 2 with a one-line message, never a stack trace.
import { runCli } from '../dist/src/cli/main.js';
import { processIO } from '../dist/src/cli/process-io.js';
import { addConsoleCommands } from '../dist/src/console/commands.js';
import { addApiKeyCommands, addEvidenceCommands, addServiceCommands } from '../dist/src/service/commands.js';

runCli(process.argv.slice(2), processIO(), [addServiceCommands, addApiKeyCommands, addEvidenceCommands, addConsoleCommands]).then(
  (code) => { process.exitCode = code; },
  (err) => {
    process.stderr.write(`xborder: internal error: ${err instanceof Error ? err.message : String(err)}\n`);
    if (process.env.XBORDER_DEBUG) process.stderr.write(`${err instanceof Error ? err.stack : ''}\n`);
    process.exitCode = 2;
  },
);
