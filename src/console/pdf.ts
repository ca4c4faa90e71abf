/**
 * HTML → PDF through a headless Chromium already on the machine (Debian's `chromium`): no download, no network,
 * a throwaway profile so nothing is shared with a user's browser.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const DEFAULT_CHROMIUM = '/usr/bin/chromium';

/** The Chromium to use: $XBORDER_CHROMIUM, else Debian's path, if the file exists. */
export function findChromium(env: Readonly<Record<string, string | undefined>>): string | undefined {
  const path = env.XBORDER_CHROMIUM || DEFAULT_CHROMIUM;
  return existsSync(path) ? path : undefined;
}

export async function printPdf(chromium: string, html: string, pdfPath: string, timeoutMs = 60_000): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'xborder-pdf-'));
  try {
    const page = join(dir, 'report.html');
    writeFileSync(page, html);
    const args = [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run', `--user-data-dir=${join(dir, 'profile')}`,
      '--no-pdf-header-footer', `--print-to-pdf=${pdfPath}`, pathToFileURL(page).href,
    ];
    await new Promise<void>((resolve, reject) => {
      execFile(chromium, args, { timeout: timeoutMs }, (err, _out, stderr) => {
        if (err) reject(new Error(`chromium failed: ${err.message.split('\n')[0]}${stderr ? ` (${String(stderr).trim().split('\n').pop()})` : ''}`));
        else resolve();
      });
    });
    if (!existsSync(pdfPath)) throw new Error('chromium wrote no PDF');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
