import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PASTE_LABELS } from '../../../src/grammar/paste/paste-labels.ts';
import { readPaste, type PastedCompany } from '../../../src/grammar/paste/read-paste.ts';
import { creditCodeCheckChar } from '../../../src/grammar/values/credit-code.ts';
import { parsePhone } from '../../../src/grammar/values/phone.ts';

/**
 * Property tests of the paste reader over generated layouts: any subset of a
 * company page's fields, each under any of its labels (Chinese or English),
 * written `label：value`, `label: value`, `label value`, the label on one
 * line and the value on the next, label and value in two table cells, all
 * fields in a header row over a value row, or several on one line; in any
 * order, between lines of a page's noise (status words, other labels), with
 * any line breaks. Every field present is read, and nothing absent is.
 */

type Field = 'company' | 'code' | 'legalRepresentative' | 'contact' | 'phone' | 'email' | 'size' | 'industry' | 'address' | 'scope';

const han = (pool: string, min: number, max: number) => fc.array(fc.constantFrom(...pool), { minLength: min, maxLength: max }).map((cs) => cs.join(''));
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const creditCode = fc
  .tuple(fc.constantFrom('91', '92', '93', '12', '11'), fc.array(fc.constantFrom(...'0123456789'), { minLength: 6, maxLength: 6 }), fc.array(fc.constantFrom(...ALPHABET), { minLength: 9, maxLength: 9 }))
  .map(([kind, area, rest]) => {
    const prefix = kind + area.join('') + rest.join('');
    return prefix + (creditCodeCheckChar(prefix) ?? '');
  });
const person = fc.tuple(fc.constantFrom(...'王李张刘陈杨黄赵周吴徐孙马朱胡郭何高林罗'), han('伟芳娜敏静强磊军洋勇艳杰娟涛明超秀霞平刚', 1, 2)).map(([s, g]) => s + g);
const digits = (n: number) => fc.array(fc.constantFrom(...'0123456789'), { minLength: n, maxLength: n }).map((d) => d.join(''));
const mobile = fc.tuple(fc.constantFrom('13', '15', '17', '18', '19'), digits(9)).map(([a, b]) => a + b);
const landline = fc.tuple(fc.constantFrom('021', '010', '0755', '0571', '028'), fc.constantFrom('2', '5', '6', '8'), digits(7)).map(([area, first, rest]) => ({ area, number: first + rest }));
const phone = fc.oneof(
  mobile.chain((m) => fc.constantFrom(m, `${m.slice(0, 3)} ${m.slice(3, 7)} ${m.slice(7)}`, `+86 ${m.slice(0, 3)}-${m.slice(3, 7)}-${m.slice(7)}`, `+86${m}`)),
  landline.chain(({ area, number }) => fc.constantFrom(`${area}-${number}`, `(${area}) ${number.slice(0, 4)} ${number.slice(4)}`, `+86 ${area.slice(1)} ${number}`)),
);
const VALUES: Record<Field, fc.Arbitrary<string>> = {
  company: fc
    .tuple(fc.constantFrom('上海', '北京', '深圳市', '杭州', '苏州'), han('华信云启博远海川青禾智联恒通精密星辰', 2, 4), fc.constantFrom('科技', '机械', '贸易', ''), fc.constantFrom('有限公司', '股份有限公司', '有限责任公司'))
    .map((parts) => parts.join('')),
  code: creditCode,
  legalRepresentative: person,
  contact: person,
  phone,
  email: fc.tuple(fc.stringMatching(/^[a-z][a-z0-9]{1,8}$/), fc.stringMatching(/^[a-z][a-z0-9-]{1,10}[a-z0-9]$/), fc.constantFrom('com', 'cn', 'com.cn')).map(([l, d, t]) => `${l}@${d}.${t}`),
  size: fc.constantFrom('少于50人', '50-99人', '100-499人', '500-999人', '1000人以上', '86'),
  industry: fc.constantFrom('通用设备制造业', '软件和信息技术服务业', '批发业', '农业', '专用设备制造业'),
  address: fc.tuple(fc.constantFrom('上海市浦东新区', '浙江省杭州市西湖区', '广东省深圳市南山区'), han('张江文三科技星湖长江', 2, 3), digits(2)).map(([a, road, n]) => `${a}${road}路${Number(n) + 1}号`),
  scope: fc.constantFrom('技术开发、技术咨询、技术服务。', '机械设备销售；货物进出口。'),
};

/** The labels a layout may use for a field: no single letters (`M:` needs its colon, tested with the cards). */
const LABEL_OF: Record<Field, keyof typeof PASTE_LABELS> = {
  company: 'company', code: 'code', legalRepresentative: 'legalRepresentative', contact: 'contact', phone: 'phone', email: 'email', size: 'size', industry: 'industry', address: 'address', scope: 'scope',
};
const labels = (field: Field) => (PASTE_LABELS[LABEL_OF[field]] as readonly string[]).filter((l) => l.length >= 2);
const SPACED_LATIN = ['tel', 'telephone', 'phone', 'mobile', 'e-mail', 'email'];
const spaced = (label: string) => (/^[\x00-\x7F]+$/u.test(label) ? SPACED_LATIN.includes(label) : label !== '公司');

const NOISE = ['存续', '高新技术企业  小微企业', '更多', '关联企业 3', '工商信息', '注册资本：1000万元人民币', '成立日期：2012-03-15', '登记机关：上海市市场监督管理局', '企业类型：有限责任公司(自然人投资或控股)'];

type Layout = 'colon' | 'half-colon' | 'spaced' | 'next-line' | 'tab';
const entry = (field: Field) =>
  fc.record({
    field: fc.constant(field),
    value: VALUES[field],
    label: fc.constantFrom(...labels(field)),
    layout: fc.constantFrom<Layout>('colon', 'half-colon', 'spaced', 'next-line', 'tab'),
    noise: fc.option(fc.constantFrom(...NOISE), { nil: undefined }),
  });
type Entry = { field: Field; value: string; label: string; layout: Layout; noise: string | undefined };

const ALL: Field[] = ['company', 'code', 'legalRepresentative', 'contact', 'phone', 'email', 'size', 'industry', 'address', 'scope'];
const page = fc
  .subarray(ALL, { minLength: 1 })
  .chain((fields) => fc.tuple(fc.tuple(...fields.map(entry)), fc.constantFrom('lines', 'header-table', 'one-line'), fc.constantFrom('\n', '\r\n', '\n\n')))
  .chain(([entries, whole, eol]) => fc.shuffledSubarray(entries as Entry[], { minLength: entries.length, maxLength: entries.length }).map((shuffled) => ({ entries: shuffled, whole, eol })));

function render({ entries, whole, eol }: { entries: Entry[]; whole: string; eol: string }): string {
  if (whole === 'header-table') return [entries.map((e) => e.label).join('\t'), entries.map((e) => e.value).join('\t')].join(eol);
  if (whole === 'one-line') return entries.map((e) => `${e.label}：${e.value}`).join('  ');
  return entries
    .flatMap((e) => {
      const layout = e.layout === 'spaced' && !spaced(e.label) ? 'colon' : e.layout;
      const written =
        layout === 'colon' ? `${e.label}：${e.value}` : layout === 'half-colon' ? `${e.label}: ${e.value}` : layout === 'spaced' ? `${e.label} ${e.value}` : layout === 'next-line' ? `${e.label}${eol}${e.value}` : `${e.label}\t${e.value}`;
      return e.noise ? [written, e.noise] : [written];
    })
    .join(eol);
}

function expected(entries: Entry[]): PastedCompany {
  const of = (field: Field) => entries.find((e) => e.field === field)?.value ?? null;
  const phoneText = of('phone');
  const phone = phoneText === null ? null : parsePhone(phoneText);
  if (phone && !phone.ok) throw new Error(`the generator wrote no phone: ${phoneText}`);
  return {
    company: of('company'),
    creditCode: of('code'),
    invalidCreditCode: null,
    legalRepresentative: of('legalRepresentative'),
    contact: of('contact'),
    phones: phone?.ok ? [phone.value.canonical] : [],
    mobiles: phone?.ok && phone.value.kind === 'mobile' ? [phone.value.canonical] : [],
    emails: of('email') ? [of('email') as string] : [],
    size: of('size'),
    industry: of('industry'),
    address: of('address'),
    place: null,
    scope: of('scope'),
    source: null,
  };
}

describe('the paste reader over generated layouts', () => {
  it('reads every field a generated page has, under any label and layout, and invents none', () => {
    fc.assert(
      fc.property(page, (doc) => {
        expect(readPaste(render(doc))).toEqual(expected(doc.entries));
      }),
      { numRuns: 500 },
    );
  });

  it('reads nothing from text that has no label, phone, e-mail or company in it', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('你好', '请问', '这个价格可以吗', 'ok', '明天见', '谢谢'), { maxLength: 6 }), (words) => {
        const read = readPaste(words.join('\n'));
        expect(read).toMatchObject({ company: null, creditCode: null, contact: null, phones: [], emails: [] });
      }),
    );
  });
});
