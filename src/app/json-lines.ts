/** NDJSON lines that are not JSON, said so: "line N is not valid JSON", never a YAML reading's "must be of type object". */
import type { Job } from '../batch/inputs.js';
import { errorResult } from '../evaluate/pipeline.js';
import { notJsonLine, streamLine } from '../io/ndjson.js';

/**
 * The jobs of a stream as they come, each NDJSON line that is not JSON turned into that line's error result (the
 * other lines are still checked). A whole document read from the stream (`<stdin>`, YAML allowed) is left alone.
 */
export async function* jsonLinesOnly(jobs: AsyncIterable<Job>): AsyncGenerator<Job> {
  for await (const job of jobs) {
    const at = job.kind === 'text' ? streamLine(job.uri) : undefined;
    const bad = at && job.kind === 'text' ? notJsonLine(job.text) : undefined;
    if (job.kind !== 'text' || !at || !bad) { yield job; continue; }
    const message = `line ${at.line} is not valid JSON: ${bad.message}`;
    yield { kind: 'error', result: errorResult(job.uri, [{ code: 'parse-error', severity: 'error', message, location: { uri: job.uri, pointer: '', line: 1, column: bad.column } }]) };
  }
}
