/** XML 1.0 text and attribute escaping for the JUnit report. */
import { visible } from './common.js';

// Characters XML 1.0 forbids outright (even as &#...; references): C0 controls other than tab, LF, CR,
// lone surrogates, U+FFFE and U+FFFF. They are rewritten as visible `\uXXXX` text instead of dropped.
const INVALID_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export const sanitizeXml = (s: string): string => s.replace(INVALID_XML, visible);

export const escapeText = (s: string): string =>
  sanitizeXml(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Attribute values also escape quotes, and keep tab/newline/CR as references so parsers do not normalise them to spaces. */
export const escapeAttr = (s: string): string =>
  escapeText(s)
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\t/g, '&#9;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;');

export const attrs = (a: Record<string, string | number>): string =>
  Object.entries(a)
    .map(([k, v]) => ` ${k}="${escapeAttr(String(v))}"`)
    .join('');
