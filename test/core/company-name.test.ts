import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { cleanCompanyDisplayName, normalizeCompanyName } from '../../src/core/leads/company-name.ts';
import { toSimplified, traditionalTable } from '../../src/core/leads/traditional-chinese.ts';

const toFullWidth = (s: string) => s.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

describe('normalizeCompanyName', () => {
  it('treats ACME Co., Ltd., acme and ＡＣＭＥ有限公司 as one company', () => {
    expect(normalizeCompanyName('ACME Co., Ltd.')).toBe('acme');
    expect(normalizeCompanyName('acme')).toBe('acme');
    expect(normalizeCompanyName('ＡＣＭＥ有限公司')).toBe('acme');
  });

  it.each([
    ['北京字节跳动科技有限公司', '北京字节跳动科技'],
    ['华为技术有限公司', '华为技术'],
    ['平安银行股份有限公司', '平安银行'],
    ['上海某某贸易有限责任公司', '上海某某贸易'],
    ['海尔集团有限公司', '海尔'],
    ['海尔集团', '海尔'],
    ['海尔（集团）有限公司', '海尔'],
    ['海尔公司', '海尔'],
    ['ACME Co.,Ltd', 'acme'],
    ['ACME CO., LTD.', 'acme'],
    ['ACME Limited', 'acme'],
    ['Acme, Inc.', 'acme'],
    ['Acme Incorporated', 'acme'],
    ['Acme Corp.', 'acme'],
    ['Acme Corporation', 'acme'],
    ['Acme LLC', 'acme'],
    ['Acme Group Co., Ltd.', 'acme'],
    ['ACME Group Holdings', 'acmegroupholdings'],
    ['  A C M E  ', 'acme'],
    ['A.C.M.E.', 'acme'],
    ['【ACME】「有限公司」', 'acme'],
    ['《阿克米》·科技-公司', '阿克米科技'],
    ["O'Reilly & Sons_Ltd", 'oreillysons'],
    ['ACME\u200b有限公司', 'acme'],
    ['ＡＣＭＥ　２０２６', 'acme2026'],
    ['©ACME® Ltd.', 'acme'],
    ['A+B=C $公司', 'abc'],
  ])('normalises %s to %s', (name, key) => {
    expect(normalizeCompanyName(name)).toBe(key);
  });

  it('keeps names apart that differ in more than form', () => {
    expect(normalizeCompanyName('华为技术有限公司')).not.toBe(normalizeCompanyName('华为终端有限公司'));
    expect(normalizeCompanyName('ACME Ltd.')).not.toBe(normalizeCompanyName('ACMF Ltd.'));
  });

  it.each([
    ['有限公司', '有限公司'],
    ['集团有限公司', '集团有限公司'],
    ['公司', '公司'],
    ['Group Inc.', 'groupinc'],
    ['Co., Ltd.', 'coltd'],
    ['Ltd. Co.', 'ltdco'],
    ['Limited', 'limited'],
  ])('never strips %s to nothing and keeps %s', (name, key) => {
    expect(normalizeCompanyName(name)).toBe(key);
  });

  it('keeps a punctuation-only name as punctuation rather than an empty key', () => {
    expect(normalizeCompanyName('！！ ！')).toBe('!!!');
    expect(normalizeCompanyName('   ')).toBe('');
    expect(normalizeCompanyName('')).toBe('');
  });

  it('strips a Latin legal form only as a whole word, so Tesco and Zinc keep their letters', () => {
    expect(normalizeCompanyName('Tesco')).toBe('tesco');
    expect(normalizeCompanyName('Tesco PLC Co., Ltd.')).toBe('tescoplc');
    expect(normalizeCompanyName('Tes Co.')).toBe('tes');
    expect(normalizeCompanyName('Zinc')).toBe('zinc');
    expect(normalizeCompanyName('Zinc Inc.')).toBe('zinc');
    expect(normalizeCompanyName('Cisco Systems')).not.toBe(normalizeCompanyName('Cis Systems'));
  });

  it('joins a letter and its accent that punctuation kept apart, so the key is stable', () => {
    // 'e' + '.' + combining acute: once the dot goes, the accent lands on the e.
    expect(normalizeCompanyName('Cafe.\u0301 Ltd.')).toBe('caf\u00e9');
    expect(normalizeCompanyName('Café')).toBe('caf\u00e9');
  });

  it('is idempotent on any string', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (name) => {
        const once = normalizeCompanyName(name);
        expect(normalizeCompanyName(once)).toBe(once);
      }),
      { numRuns: 2000 },
    );
  });

  // Base names avoid the characters of the Chinese suffixes, so that appending 有限公司 to a
  // name ending in 股份 (which rightly becomes 股份有限公司) cannot make a false counterexample.
  const cjk = fc.constantFrom(...'阿里巴腾讯华为小米京东美团百度网易北京上海深圳科技贸易信息技术医药');
  // Nor letters that end a Latin legal word (c, o, d, p, n, y): an inserted space could
  // otherwise cut a base like "xco" into "x co", which is rightly read as "x Co.".
  const latin = fc.constantFrom(...'abefghijklmqrstuvwxzABEFGHIJKLMQRSTUVWXZ0123456789');
  const baseName = fc.array(fc.oneof(cjk, latin), { minLength: 1, maxLength: 16 }).map((cs) => cs.join(''));
  const suffix = fc.constantFrom(
    '有限公司', '股份有限公司', '有限责任公司', '集团有限公司', '（集团）有限公司', '集团', '公司',
    ' Co., Ltd.', ' CO.,LTD', ' Ltd.', ' Limited', ', Inc.', ' Incorporated', ' Corp.', ' Corporation',
    ' LLC', ' Group', ' Group Co., Ltd.',
  );
  const noise = fc.constantFrom(' ', '\u3000', '\t', '.', ',', '，', '。', '、', '(', ')', '（', '）', '【', '】', '「', '」', '《', '》', '·', '・', '-', '_', '&', "'", '"', '/');

  it('gives the same key under full-width letters, case changes, inserted spaces and punctuation, and appended suffixes', () => {
    fc.assert(
      fc.property(
        baseName,
        fc.array(fc.tuple(fc.nat(), noise), { maxLength: 5 }),
        fc.array(suffix, { maxLength: 3 }),
        fc.boolean(),
        fc.array(fc.boolean(), { minLength: 16, maxLength: 16 }),
        (base, insertions, suffixes, fullWidth, upper) => {
          let variant = [...base].map((c, i) => (upper[i] ? c.toUpperCase() : c.toLowerCase())).join('');
          for (const [at, mark] of insertions) {
            const i = at % (variant.length + 1);
            variant = variant.slice(0, i) + mark + variant.slice(i);
          }
          variant += suffixes.join('');
          if (fullWidth) variant = toFullWidth(variant);
          expect(normalizeCompanyName(variant), variant).toBe(normalizeCompanyName(base));
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('never gives an empty key for a name with a letter, digit or CJK character', () => {
    const meaningful = fc.oneof(latin, cjk, fc.constantFrom('Ａ', '９', '有', '公', '司', '集', '团'));
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 20 }), meaningful, fc.string({ unit: 'binary', maxLength: 20 }), (a, c, b) => {
        expect(normalizeCompanyName(a + c + b)).not.toBe('');
      }),
      { numRuns: 2000 },
    );
  });
});

describe('normalizeCompanyName: forms that name the same company (LEAD-2)', () => {
  it.each([
    ['上海华信科技股份公司', '上海华信科技有限公司'],
    ['上海华信科技有限责任公司', '上海华信科技有限公司'],
    ['华信科技（上海）有限公司', '上海华信科技有限公司'],
    ['华信科技(上海)有限公司', '上海华信科技有限公司'],
    ['华信科技（上海市）有限公司', '上海华信科技'],
    ['（上海）华信科技有限公司', '上海华信科技'],
    ['华信（上海）科技有限公司', '上海华信科技'],
    ['上海华信科技（上海）有限公司', '上海华信科技'],
    ['【上海】华信科技', '上海华信科技'],
    ['上海華信科技有限公司', '上海华信科技有限公司'],
    ['上海華信科技有限責任公司', '上海华信科技'],
    ['華為技術有限公司', '华为技术有限公司'],
    ['深圳市騰訊計算機系統有限公司', '深圳市腾讯计算机系统有限公司'],
    ['华信２０２６科技', '华信2026科技'],
    ['華信（廣州）電子', '广州华信电子'],
  ])('reads %s as the same name as %s', (variant, name) => {
    expect(normalizeCompanyName(variant)).toBe(normalizeCompanyName(name));
  });

  it('keeps a company of another region in brackets apart from the prefixed one', () => {
    expect(normalizeCompanyName('华信科技（北京）有限公司')).not.toBe(normalizeCompanyName('上海华信科技有限公司'));
    expect(normalizeCompanyName('华信科技（北京）有限公司')).toBe(normalizeCompanyName('北京华信科技'));
  });

  it('drops no bracketed word that is not a region, so 西门子（中国） stays apart from 西门子', () => {
    expect(normalizeCompanyName('西门子（中国）有限公司')).toBe('西门子中国');
    expect(normalizeCompanyName('华信（研发）科技')).toBe('华信研发科技');
  });

  it('maps no traditional character to one the table maps again, so a key stays what it is', () => {
    for (const [traditional, simplified] of traditionalTable) {
      expect(traditionalTable.has(simplified), `${traditional} -> ${simplified}`).toBe(false);
      expect(toSimplified(simplified)).toBe(simplified);
    }
  });

  // A traditional form for each simplified character the table knows, to write generated names in.
  const traditionalOf = new Map<string, string>();
  for (const [traditional, simplified] of traditionalTable) if (!traditionalOf.has(simplified)) traditionalOf.set(simplified, traditional);
  // Body characters: some with a traditional form, some without; none of a legal form or a region's name,
  // so a suffix or a region cannot be made out of the body by chance.
  const avoided = new Set([...'有限责任股份公司集团'].concat(...['上海', '北京', '深圳', '广州', '杭州', '天津']));
  const bodyChar = fc.constantFrom(
    ...[...'华信电子网络数据科技贸易实业发展国际医药环保物流运输汽车钢铁纺织传媒软件云计算智能仪器达兴丰汇联众宝顺远创维鸿鹏龙阳金木水火土明德'].filter((c) => !avoided.has(c)),
    ...'0123456789',
  );
  const body = fc.array(bodyChar, { minLength: 2, maxLength: 10 }).map((cs) => cs.join(''));
  const region = fc.constantFrom('上海', '北京', '深圳', '广州', '杭州', '天津');
  const legalForm = fc.constantFrom('', '有限公司', '股份有限公司', '股份公司', '有限责任公司', '有限責任公司', '股份有限公司', '集团有限公司', '集團有限公司', '公司');
  const bracket = fc.constantFrom(['（', '）'], ['(', ')'], ['【', '】'], ['[', ']'], ['〔', '〕']);
  const toFullWidthDigits = (s: string) => s.replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));

  it('gives one key to a prefixed name and its variants: region in brackets anywhere, traditional forms, full-width digits, other legal forms', () => {
    fc.assert(
      fc.property(
        region,
        body,
        legalForm,
        legalForm,
        bracket,
        fc.nat(),
        fc.array(fc.boolean(), { minLength: 10, maxLength: 10 }),
        fc.boolean(),
        fc.constantFrom('', '市'),
        (place, name, form, otherForm, [open, close], at, traditional, fullWidth, city) => {
          const written = [...name].map((c, i) => (traditional[i] ? (traditionalOf.get(c) ?? c) : c)).join('');
          const i = at % (written.length + 1);
          let variant = `${written.slice(0, i)}${open}${place}${city}${close}${written.slice(i)}${otherForm}`;
          if (fullWidth) variant = toFullWidthDigits(variant);
          const canonical = `${place}${name}${form}`;
          expect(normalizeCompanyName(variant), variant).toBe(normalizeCompanyName(canonical));
          // Written with its prefix as well as in brackets, it is still the one name.
          expect(normalizeCompanyName(place + variant), place + variant).toBe(normalizeCompanyName(canonical));
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('keeps names of different regions apart however they are written', () => {
    fc.assert(
      fc.property(region, region, body, bracket, (a, b, name, [open, close]) => {
        fc.pre(a !== b);
        expect(normalizeCompanyName(`${name}${open}${a}${close}有限公司`)).not.toBe(normalizeCompanyName(`${b}${name}有限公司`));
      }),
      { numRuns: 300 },
    );
  });
});

describe('cleanCompanyDisplayName', () => {
  it.each([
    ['  ACME   Co.,  Ltd.  ', 'ACME Co., Ltd.'],
    ['ＡＣＭＥ　有限公司', 'ACME 有限公司'],
    ['华为技术（深圳）有限公司', '华为技术（深圳）有限公司'],
    ['Ｃｏｍｐａｎｙ２０２６', 'Company2026'],
    ['A\t\nB', 'A B'],
    ['【ACME】', '【ACME】'],
  ])('shows %s as %s', (raw, shown) => {
    expect(cleanCompanyDisplayName(raw)).toBe(shown);
  });

  it('keeps full-width punctuation, which is part of how Chinese names are written', () => {
    expect(cleanCompanyDisplayName('ＡＣＭＥ，（中国）')).toBe('ACME，（中国）');
  });
});
