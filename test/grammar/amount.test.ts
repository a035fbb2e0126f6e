import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseAmount } from '../../src/grammar/values/amount.ts';

const fen = (text: string) => parseAmount(text);
const refusal = (text: string) => {
  const r = parseAmount(text);
  return r.ok ? `accepted ${r.value}` : r.code;
};

/** Digit-string helpers: the tests build their inputs without floats too. */
const withCommas = (digits: string) => digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
/** `digits / 10^places` as a decimal string, trailing zeros trimmed: ('12345', 4) -> '1.2345'. */
const shift = (digits: string, places: number) => {
  const padded = digits.padStart(places + 1, '0');
  const whole = padded.slice(0, padded.length - places);
  const frac = padded.slice(padded.length - places).replace(/0+$/, '');
  return frac ? `${whole}.${frac}` : whole;
};
const fullWidth = (s: string) => s.replace(/[0-9]/g, (d) => String.fromCharCode(0xff10 + Number(d)));

const MAX_WHOLE_YUAN = 10n ** 11n;
const wholeYuan = fc.bigInt({ min: 0n, max: MAX_WHOLE_YUAN });

describe('parseAmount', () => {
  describe('reads the forms people type', () => {
    const cases: Array<[string, number]> = [
      ['50000', 5_000_000],
      ['50,000', 5_000_000],
      ['50，000', 5_000_000],
      ['５００００', 5_000_000],
      ['５０，０００', 5_000_000],
      ['5万', 5_000_000],
      ['3.5万元', 3_500_000],
      ['1.2亿', 12_000_000_000],
      ['50k', 5_000_000],
      ['50K', 5_000_000],
      ['2.5w', 2_500_000],
      ['2.5W', 2_500_000],
      ['¥50000', 5_000_000],
      ['￥50,000', 5_000_000],
      ['RMB 5万', 5_000_000],
      ['rmb5万', 5_000_000],
      ['CNY5000', 500_000],
      ['50000元', 5_000_000],
      ['1,234.56', 123_456],
      ['  50000  ', 5_000_000],
      ['1.2345万', 1_234_500],
      ['0.01', 1],
      ['1.50', 150],
      ['1.234567万', 1_234_567],
      ['5 万 元', 5_000_000],
      ['5000 RMB', 500_000],
      ['1千万', 1_000_000_000],
    ];
    it.each(cases)('reads %s as %i fen', (text, expected) => {
      expect(fen(text)).toEqual({ ok: true, value: expected });
    });

    it('reads 3.5万元 as 35,000 yuan', () => {
      expect(fen('3.5万元')).toEqual({ ok: true, value: 35_000 * 100 });
    });

    it('accepts zero and leaves the judgement to the caller', () => {
      expect(fen('0')).toEqual({ ok: true, value: 0 });
      expect(fen('¥0元')).toEqual({ ok: true, value: 0 });
    });

    it('accepts exactly 10^12 yuan, the largest amount', () => {
      expect(fen('1,000,000,000,000')).toEqual({ ok: true, value: 100_000_000_000_000 });
      expect(fen('10000亿')).toEqual({ ok: true, value: 100_000_000_000_000 });
    });
  });

  describe('refuses', () => {
    it.each(['-5', '-5万', '－5', '−5', '-¥50,000', 'RMB -5万', '-0'])('%s as a negative amount', (text) => {
      expect(refusal(text)).toBe('amount_negative');
    });

    it.each([
      ['五块', 'Chinese numerals'],
      ['abc', 'letters'],
      ['', 'an empty string'],
      ['   ', 'white space only'],
      ['1,23,4', 'bad thousands grouping'],
      ['1234,567', 'a first group longer than three digits'],
      ['1.234', 'a fraction finer than a fen'],
      ['1.2345678万', 'a fraction finer than a fen after scaling (12,345.678 yuan)'],
      ['5万k', 'two units'],
      ['1e5', 'exponent notation'],
      ['.5', 'a missing whole part'],
      ['5.', 'a missing fraction'],
      ['5 000', 'a space inside the number'],
      ['--5', 'a doubled minus'],
      ['-¥-5', 'two minus signs'],
      ['-1.234', 'a negative amount that is unreadable anyway'],
      ['$50', 'another currency'],
    ])('%s (%s) as invalid', (text) => {
      expect(refusal(text)).toBe('amount_invalid');
    });

    it.each(['1,000,000,000,000.01', '10001亿', '1000000000001', '99999999999999999999999999999999999999'])(
      '%s as too large',
      (text) => {
        const r = parseAmount(text);
        expect(r).toMatchObject({ ok: false, code: 'amount_too_large', details: { maxYuan: 1_000_000_000_000 } });
      },
    );
  });

  describe('for every whole yuan amount up to 10^11', () => {
    const expectYuan = (text: string, yuan: bigint) =>
      expect(parseAmount(text), text).toEqual({ ok: true, value: Number(yuan * 100n) });

    it('reads plain digits, thousands commas and full-width digits alike', () => {
      fc.assert(
        fc.property(wholeYuan, (n) => {
          expectYuan(String(n), n);
          expectYuan(withCommas(String(n)), n);
          expectYuan(fullWidth(String(n)), n);
          expectYuan(fullWidth(withCommas(String(n))).replace(/,/g, '，'), n);
        }),
      );
    });

    it('reads it written in 万 and in k', () => {
      fc.assert(
        fc.property(wholeYuan, (n) => {
          // Every whole yuan is exact in 万 (at most 4 decimals) and in k (at most 3).
          expectYuan(`${shift(String(n), 4)}万`, n);
          expectYuan(`${shift(String(n), 4)}w`, n);
          expectYuan(`${shift(String(n), 3)}k`, n);
          expectYuan(`¥${shift(String(n), 4)}万元`, n);
        }),
      );
    });

    it('reads multiples of 万 written without a fraction', () => {
      fc.assert(
        fc.property(fc.bigInt({ min: 0n, max: MAX_WHOLE_YUAN / 10_000n }), (wan) => {
          expectYuan(`${wan}万`, wan * 10_000n);
        }),
      );
    });
  });

  it('reads any amount in yuan with two decimals as that many fen', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 13n }), (fenValue) => {
        const text = `${withCommas(String(fenValue / 100n))}.${String(fenValue % 100n).padStart(2, '0')}`;
        expect(parseAmount(text), text).toEqual({ ok: true, value: Number(fenValue) });
      }),
    );
  });

  it('refuses a fraction of a fen whatever the amount', () => {
    fc.assert(
      fc.property(wholeYuan, fc.integer({ min: 1, max: 9 }), (n, lastDigit) => {
        const text = `${n}.00${lastDigit}`;
        expect(refusal(text)).toBe('amount_invalid');
      }),
    );
  });

  const validAmountText = fc.oneof(
    wholeYuan.map((n) => String(n)),
    wholeYuan.map((n) => withCommas(String(n))),
    wholeYuan.map((n) => `${shift(String(n), 4)}万`),
    wholeYuan.map((n) => `${shift(String(n), 3)}K`),
    wholeYuan.map((n) => fullWidth(String(n))),
    wholeYuan.map((n) => `￥${withCommas(String(n))}`),
    wholeYuan.map((n) => `RMB ${n}元`),
    wholeYuan.map((n) => `  ${n}  `),
  );

  it('calls any minus sign in front of a valid amount negative', () => {
    fc.assert(
      fc.property(validAmountText, (text) => {
        expect(parseAmount(text).ok, text).toBe(true);
        expect(refusal(`-${text}`), `-${text}`).toBe('amount_negative');
      }),
    );
  });
});
