/**
 * Which input folders held a manifest. A folder whose every file was skipped as another kind (a rule pack, a
 * Kubernetes file) contributed nothing, exactly as an empty folder does, and must not pass the gate beside inputs
 * that had manifests; only the results can tell, so `check` and `validate` mark each file that was not skipped.
 */
import type { WalkedFolder } from '../batch/inputs.js';

export interface FolderManifests {
  /** The file at `uri` was a manifest (valid or not): its folders held one. */
  seen(uri: string): void;
  /** The walked folders none of whose files was a manifest, in input order. */
  unseen(): string[];
}

export function folderManifests(folders: readonly WalkedFolder[]): FolderManifests {
  // A file can be in two inputs (`a/ a/b/`): it marks both.
  const owners = new Map<string, number[]>();
  folders.forEach((f, i) => { for (const uri of f.uris) owners.set(uri, [...(owners.get(uri) ?? []), i]); });
  const held = new Set<number>();
  return {
    seen(uri) { for (const i of owners.get(uri) ?? []) held.add(i); },
    unseen: () => folders.filter((_, i) => !held.has(i)).map((f) => f.input),
  };
}

/** Empty folders and folders of skipped files together, in the order the inputs named them. */
export function foldersWithoutManifests(inputs: readonly string[], empty: readonly string[], skipped: readonly string[]): string[] {
  const all = [...new Set([...empty, ...skipped])];
  return all.sort((a, b) => inputs.indexOf(a) - inputs.indexOf(b));
}
