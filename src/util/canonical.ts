/**
 * Canonical JSON (RFC 8785: sorted keys, one number form) and SHA-256 digests: the one serialisation behind pack
 * digests, manifest digests in evidence, signed statements, and "same value" comparisons of packs and pack tests.
 */
import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';

/** The canonical JSON text of a value; '' for undefined (which has none). Throws on NaN, Infinity, lone surrogates. */
export const canonicalJson = (v: unknown): string => canonicalize(v) ?? '';

/** `sha256:<hex>` of a text's UTF-8 bytes. */
export const textDigest = (text: string): string => `sha256:${createHash('sha256').update(text, 'utf8').digest('hex')}`;

/** 128 bits of a text's SHA-256, base64url: a short key to tell one text from another (not a published digest). */
export const shortDigest = (text: string): string => createHash('sha256').update(text, 'utf8').digest('base64url').slice(0, 22);

/** `sha256:<hex>` of a value's canonical JSON. */
export const canonicalDigest = (v: unknown): string => textDigest(canonicalJson(v));
