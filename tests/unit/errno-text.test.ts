// One table of file system reasons in words (src/util/errno-text.ts), used by makeDirs and by the report writer.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeProblem } from '../../src/app/report-files.js';
import { makeDirs } from '../../src/util/make-dirs.js';

const fsError = (code: string, path: string): NodeJS.ErrnoException =>
  Object.assign(new Error(`${code}: some system text, open '${path}'`), { code });

describe('file system reasons in words', () => {
  const dir = mkdtempSync(join(tmpdir(), 'xborder-errno-'));
  const file = join(dir, 'out.json');

  it('a report write says the reason in words, in English and Chinese, without the system text', () => {
    expect(writeProblem(file, fsError('ENOENT', file))).toEqual({ en: `cannot write ${file}: no such file or directory`, zh: `无法写入 ${file}：文件或文件夹不存在` });
    expect(writeProblem(file, fsError('EISDIR', file)).en).toBe(`cannot write ${file}: a folder, not a file`);
    expect(writeProblem(file, fsError('EACCES', file)).zh).toBe(`无法写入 ${file}：没有权限`);
    // The reasons makeDirs had in words and the report writer passed on as Node's text.
    expect(writeProblem(file, fsError('EROFS', file))).toEqual({ en: `cannot write ${file}: read-only file system`, zh: `无法写入 ${file}：只读文件系统` });
    expect(writeProblem(file, fsError('ENOSPC', file)).en).toBe(`cannot write ${file}: no space left on the device`);
  });

  it('control: a reason without words is the system\'s text (a report) or its code (a folder)', () => {
    expect(writeProblem(file, fsError('EMFILE', file)).en).toBe(`cannot write ${file}: EMFILE: some system text, open '${file}'`);
    expect(writeProblem(file, fsError('constructor', file)).en).toContain('some system text'); // never the prototype's
  });

  it('makeDirs names the folder and the reason in words', () => {
    writeFileSync(join(dir, 'a-file'), '');
    expect(() => makeDirs(join(dir, 'a-file', 'sub'))).toThrow(`cannot create the folder ${join(dir, 'a-file', 'sub')} (${join(dir, 'a-file')} is not a folder)`);
    expect(() => makeDirs('/proc/x')).toThrow('cannot create the folder /proc/x (no such file or directory)');
  });
});
