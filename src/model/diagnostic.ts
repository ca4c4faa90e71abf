/** Problems with inputs (manifests, packs, options): never verdicts. */

export type DiagnosticCode =
  | 'read-error'      // file missing, unreadable, too large
  | 'parse-error'     // YAML/JSON syntax, duplicate keys, aliases, nesting
  | 'schema'          // does not match the JSON Schema
  | 'semantic'        // valid shape, invalid meaning (duplicate ids, unknown fact, ...)
  | 'internal';       // a bug in xborder; never hidden, never a pass

/** 1-based line and column; `pointer` is an RFC 6901 JSON pointer into the document. */
export interface Location {
  uri: string;
  pointer: string;
  line?: number;
  column?: number;
}

/** A parsed document that can say where a pointer leads (src/source's SourceDoc). */
export interface Locatable {
  uri: string;
  locate(pointer: string): { line: number; column: number } | undefined;
}

/** Where `pointer` is in `doc`: its uri and the pointer, with line and column when the pointer leads somewhere. */
export const locationIn = (doc: Locatable, pointer: string): Location => {
  const pos = doc.locate(pointer);
  return { uri: doc.uri, pointer, line: pos?.line, column: pos?.column };
};

export interface Diagnostic {
  code: DiagnosticCode;
  severity: 'error' | 'warning';
  message: string;
  location: Location;
  hint?: string;
  /** The taxonomy id a pack problem found unknown: readers decide by it, never by the wording. */
  unknownId?: string;
}

/** "file:line:column message (hint)": how every command prints a problem (src/report/error-text.ts in Chinese). */
export const formatDiagnostic = (d: Diagnostic): string => {
  const { uri, line, column } = d.location;
  const at = line ? `${uri}:${line}:${column ?? 1}` : uri;
  return `${at} ${d.message}${d.hint ? ` (${d.hint})` : ''}`;
};
