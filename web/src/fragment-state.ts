/**
 * Shareable state in the URL fragment, kept short: JSON, deflate-raw compressed (CompressionStream), base64url, as
 * `z=`. Where the browser has no CompressionStream, the JSON is written percent-encoded as `s=` (longer, same meaning);
 * both forms are read. Nothing is sent to or stored on the server.
 */

const hasCompression = (): boolean => typeof CompressionStream === 'function' && typeof DecompressionStream === 'function';

const toBase64Url = (bytes: Uint8Array): string => {
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
};
const fromBase64Url = (s: string): Uint8Array<ArrayBuffer> => Uint8Array.from(atob(s.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));

async function pipe(bytes: Uint8Array<ArrayBuffer>, stream: CompressionStream | DecompressionStream): Promise<Uint8Array<ArrayBuffer>> {
  const out = new Response(new Blob([bytes]).stream().pipeThrough(stream));
  return new Uint8Array(await out.arrayBuffer());
}

/** The query part (`z=…` or `s=…`) for a state object. */
export async function encodeState(state: object): Promise<string> {
  const json = JSON.stringify(state);
  if (!hasCompression()) return `s=${encodeURIComponent(json)}`;
  return `z=${toBase64Url(await pipe(new TextEncoder().encode(json), new CompressionStream('deflate-raw')))}`;
}

/** The state in a query part; an empty object for none, or for one this browser cannot read (damaged, or no DecompressionStream). */
export async function decodeState<T extends object>(query: string | undefined): Promise<Partial<T>> {
  const q = new URLSearchParams(query ?? '');
  try {
    const z = q.get('z');
    if (z !== null && hasCompression()) return JSON.parse(new TextDecoder().decode(await pipe(fromBase64Url(z), new DecompressionStream('deflate-raw')))) as Partial<T>;
    const s = q.get('s');
    if (s !== null) return JSON.parse(s) as Partial<T>;
  } catch {
    // A damaged link opens the playground unedited.
  }
  return {};
}
