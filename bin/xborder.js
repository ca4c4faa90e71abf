#!/usr/bin/env node
// Thin shim: the CLI returns an exit code; a crash is exit 2 with a one-line message, never a stack trace.
import module from 'node:module';

// Node >= 22.1 keeps V8's compiled code between runs (a faster cold start); Node 20 has no such cache.
if (!process.env.XBORDER_NO_CACHE) module.enableCompileCache?.();

// One bundle (scripts/build-bundle.mjs, run by `npm run build`): a handful of files instead of ~100 modules to load.
const { runCli, processIO, addConsoleCommands, addApiKeyCommands, addEvidenceCommands, addServiceCommands } = await import('../dist/bundle/cli/xborder.js');

const io = processIO();
// A report that could not be written to stdout (a full disk) is an error whatever the verdicts: exit 2. The write
// error may arrive after the command has returned its code, so it is looked at last.
process.on('exit', () => { if (io.stdoutFailed()) process.exitCode = 2; });
runCli(process.argv.slice(2), io, [addServiceCommands, addApiKeyCommands, addEvidenceCommands, addConsoleCommands]).then(
  (code) => { process.exitCode = code; },
  (err) => {
    process.stderr.write(`xborder: internal error: ${err instanceof Error ? err.message : String(err)}\n`);
    if (process.env.XBORDER_DEBUG) process.stderr.write(`${err instanceof Error ? err.stack : ''}\n`);
    process.exitCode = 2;
  },
);
