/** Debian's Chromium driven by playwright-core (Playwright's own browser download cannot work here). */
import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';

export const CHROMIUM = process.env.XBORDER_CHROMIUM || '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);
export const hasPdftotext = ['/usr/bin/pdftotext', '/usr/local/bin/pdftotext'].some((p) => existsSync(p));

/** The text of a PDF, as poppler's pdftotext reads it. */
export const pdfText = (path: string): string => execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' });
