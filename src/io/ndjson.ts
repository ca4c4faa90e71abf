/**
 * Lines of an NDJSON stream (standard input, a batch request body). Each line is its own document, named
 * `<stdin>:N` (src/batch/inputs.ts stdinJobs): positions inside it are line 1, column C of that document.
 * No file access here, so the pure report layer may use `streamLine` to print `<stdin>:N:C`.
 */
import { scanJson } from '../source/json-scan.js';
import { DEFAULT_LIMITS } from '../source/limits.js';

/** `<stdin>:12` → the stream and its 1-based line; undefined for a file path or a whole document (`<stdin>`). */
export function streamLine(source: string): { stream: string; line: number } | undefined {
  const m = /^(<[^<>]+>):([1-9]\d*)$/.exec(source);
  return m ? { stream: m[1]!, line: Number(m[2]) } : undefined;
}

/**
 * Why a line that should be JSON is not JSON at all, with its 1-based column; undefined when it is JSON. Only a line
 * that opens no object or array is scanned: those reach the JSON reader anyway, which says where they break,
 * while anything else would be read as YAML (a plain sentence is a YAML string) and refused as "not an object".
 */
export function notJsonLine(text: string): { message: string; column: number } | undefined {
  if (/^\s*[{[]/.test(text)) return undefined;
  const problem = scanJson(text, DEFAULT_LIMITS);
  return problem && { message: problem.message, column: problem.offset + 1 };
}
