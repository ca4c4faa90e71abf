import { createRequire } from 'node:module';

// `yaml` is loaded on first use (its CommonJS build, synchronously): a run over JSON manifests with cached packs
// never needs it, and importing it costs ~30 ms of a ~150 ms cold start.
const require = createRequire(import.meta.url);
let lib: typeof import('yaml') | undefined;

export const yamlLib = (): typeof import('yaml') => (lib ??= require('yaml') as typeof import('yaml'));
