const { runCli, processIO, addConsoleCommands, addApiKeyCommands, addEvidenceCommands, addServiceCommands } = await import('../dist/bundle/cli/xborder.js');
runCli(process.argv.slice(2), processIO(), [addServiceCommands, addApiKeyCommands, addEvidenceCommands, addConsoleCommands]).then((c) => { process.exitCode = c; });
