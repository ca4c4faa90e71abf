import type { Diagnostic } from '../model/diagnostic.js';
import type { Manifest } from '../model/manifest.js';
import type { SourceDoc } from '../source/document.js';
import { validate } from './schemas.js';

/** Schema first; then what a schema cannot say (unique item ids). */
export function validateManifest(doc: SourceDoc): { manifest?: Manifest; diagnostics: Diagnostic[] } {
  const diagnostics = validate('manifest', doc);
  if (diagnostics.length) return { diagnostics };
  const m = doc.data as Manifest;
  const seen = new Map<string, number>();
  m.data.forEach((item, i) => {
    const first = seen.get(item.id);
    if (first !== undefined) {
      const pointer = `/data/${i}/id`;
      const pos = doc.locate(pointer);
      diagnostics.push({
        code: 'semantic', severity: 'error', message: `${pointer} duplicate data item id "${item.id}" (also /data/${first}/id)`,
        location: { uri: doc.uri, pointer, line: pos?.line, column: pos?.column },
      });
    } else seen.set(item.id, i);
  });
  return diagnostics.length ? { diagnostics } : { manifest: m, diagnostics };
}
