// The floor the CLI is measured against (issue 17): a program that only reads each manifest, parses it and writes
// one NDJSON line, with the CLI's own I/O shape (files walked in order, or NDJSON on stdin; buffered stdout).
//   node bench/floor.js <dir>      node bench/floor.js - < stream.ndjson
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

const out = [];
const emit = (m) => {
  out.push(JSON.stringify({ manifest: m.id, verdict: 'review' }));
  if (out.length >= 256) process.stdout.write(`${out.splice(0).join('\n')}\n`);
};
const arg = process.argv[2];
if (arg === '-') {
  for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity })) if (line.trim()) emit(JSON.parse(line));
} else {
  const walk = (d) => { for (const e of readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) { const p = join(d, e.name); if (e.isDirectory()) walk(p); else emit(JSON.parse(readFileSync(p, 'utf8'))); } };
  walk(arg);
}
process.stdout.write(out.length ? `${out.join('\n')}\n` : '');
