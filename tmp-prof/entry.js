export { runCli } from '../dist/src/cli/main.js';
export { processIO } from '../dist/src/cli/process-io.js';
export { addConsoleCommands } from '../dist/src/console/commands.js';
export { addApiKeyCommands, addEvidenceCommands, addServiceCommands } from '../dist/src/service/commands.js';
