/** Ed25519 keys as PEM (what `openssl genpkey -algorithm ed25519` writes) and their fingerprints. */
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';

export function generatePemKeyPair(): { privateKey: string; publicKey: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKey: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

const requireEd25519 = (k: KeyObject, what: string): KeyObject => {
  if (k.asymmetricKeyType !== 'ed25519') throw new Error(`${what} is a ${k.asymmetricKeyType ?? 'symmetric'} key, not Ed25519`);
  return k;
};

export const privateKeyFromPem = (pem: string): KeyObject => requireEd25519(createPrivateKey(pem), 'the private key');

/** A public key PEM, or the public half of a private key PEM. */
export const publicKeyFromPem = (pem: string): KeyObject => requireEd25519(createPublicKey(pem), 'the public key');

/** `ed25519:` + the first 32 hex digits of SHA-256 over the SPKI DER: names a key in signatures and messages. */
export const keyId = (publicKey: KeyObject): string =>
  `ed25519:${createHash('sha256').update(publicKey.export({ type: 'spki', format: 'der' })).digest('hex').slice(0, 32)}`;
