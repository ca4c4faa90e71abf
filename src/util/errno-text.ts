/**
 * The usual reasons a file or folder cannot be made, read or written, in plain words rather than Node's
 * `ECODE: …, open '/path'` (src/report/error-text.ts translates each of them into Chinese).
 */
const WHY: Readonly<Record<string, string>> = {
  ENOENT: 'no such file or directory', EACCES: 'permission denied', EPERM: 'permission denied', EROFS: 'read-only file system',
  EISDIR: 'a folder, not a file', ENOTDIR: 'a parent is not a folder', ENOSPC: 'no space left on the device',
};

/** The reason for a file system error in words, or undefined when its code is not a usual one. */
export function errnoText(err: unknown): string | undefined {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  return code !== undefined && Object.hasOwn(WHY, code) ? WHY[code] : undefined;
}
