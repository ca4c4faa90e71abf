import { describe, expect, it } from 'vitest';
import { escapeData, escapeProperty, github } from '../../src/report/github.js';
import { all, ctx, failVerdict, passVerdict } from './fixtures.js';

describe('github', () => {
  it('one annotation per fail/review finding and per error detail (snapshot)', () => {
    expect(github(all, ctx())).toMatchInlineSnapshot(`
      "::error file=manifests/sme 150k.yaml,line=31,col=16,title=cn.volume.contract-band::A standard contract or certification is required: 170,000 individuals since 1 January (CAC Provisions 2024 Art. 8)
      ::error file=manifests/sme 150k.yaml,line=40,col=3,title=cn.obligation.pia::Tricky <&>"' | pipe%0Asecond line, 100%25 sure: yes (PIPL Art. 55)
      ::warning file=manifests/batch.yaml,title=cn.category.unknown::Unknown data category "x-custom" (GB/T 43697-2024)
      ::error file=manifests/broken.yaml,line=3,col=7,title=xborder/invalid-manifest::Unexpected token at line 3
      ::error file=manifests/batch.yaml,line=1,col=1,title=xborder/invalid-manifest::must have required property "exporter"
      ::error file=manifests/batch.yaml,line=4,col=7,title=xborder/invalid-manifest::must be a date\\u0001 with control char (use YYYY-MM-DD)
      "
    `);
  });

  it('zh messages (snapshot)', () => {
    expect(github([failVerdict], ctx({ lang: 'zh' }))).toMatchInlineSnapshot(`
      "::error file=manifests/sme 150k.yaml,line=31,col=16,title=cn.volume.contract-band::需要标准合同或认证：自 1 月 1 日起 170,000 人（CAC Provisions 2024 Art. 8）
      ::error file=manifests/sme 150k.yaml,line=40,col=3,title=cn.obligation.pia::个人信息保护影响评估缺失 <&> | 竖线%0A第二行（PIPL Art. 55）
      "
    `);
  });

  it('a newline in a message cannot start a new workflow command', () => {
    const out = github([failVerdict], ctx());
    expect(out.split('\n').filter(Boolean)).toHaveLength(2);
    expect(out).toContain('::Tricky <&>"\' | pipe%0Asecond line, 100%25 sure: yes (PIPL Art. 55)\n');
  });

  it('control characters (an ANSI escape) are made visible, not passed to the log renderer', () => {
    expect(escapeData('red \u001b[31mX\u0000')).toBe('red \\u001B[31mX\\u0000');
  });

  it('passes produce nothing', () => {
    expect(github([passVerdict], ctx())).toBe('');
  });

  it('escapes data and properties by GitHub rules', () => {
    expect(escapeData('100% a\r\nb: c, d')).toBe('100%25 a%0D%0Ab: c, d');
    expect(escapeProperty('100% a\r\nb: c, d')).toBe('100%25 a%0D%0Ab%3A c%2C d');
  });

  it('escapes the file property', () => {
    const v = { ...failVerdict, source: 'dir,with:odd%.yaml', findings: failVerdict.findings.slice(0, 1) };
    expect(github([v], ctx())).toBe(
      '::error file=dir%2Cwith%3Aodd%25.yaml,line=31,col=16,title=cn.volume.contract-band::A standard contract or certification is required: 170,000 individuals since 1 January (CAC Provisions 2024 Art. 8)\n',
    );
  });
});
