import { writeFile } from 'node:fs/promises';

/** Where the CLI writes; injected so tests can run commands in-process. */
export interface CliIO {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  readStdin: () => Promise<string>;
  isTTY: boolean;
  stderrIsTTY: boolean;
  env: NodeJS.ProcessEnv;
}

export const processIO = (): CliIO => ({
  stdout: (s) => { process.stdout.write(s); },
  stderr: (s) => { process.stderr.write(s); },
  readStdin: async () => {
    const chunks: Buffer[] = [];
    for await (const c of process.stdin) chunks.push(c as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  },
  isTTY: Boolean(process.stdout.isTTY),
  stderrIsTTY: Boolean(process.stderr.isTTY),
  env: process.env,
});

export async function writeReport(io: CliIO, report: string, output?: string): Promise<void> {
  if (output) await writeFile(output, report);
  else io.stdout(report);
}

/** Colour only on a terminal, never with NO_COLOR (https://no-color.org) set. */
export const useColor = (io: CliIO): boolean => io.isTTY && !io.env.NO_COLOR && io.env.TERM !== 'dumb';
