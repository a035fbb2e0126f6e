import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { creditCodeCheckChar, parseCreditCode } from '../../src/grammar/values/credit-code.ts';

const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const read = (text: string) => {
  const r = parseCreditCode(text);
  return r.ok ? r.value : r.code;
};

describe('creditCodeCheckChar', () => {
  it('matches the worked example of GB 32100-2015 and published codes', () => {
    expect(creditCodeCheckChar('91350100M000100Y4')).toBe('3');
    expect(creditCodeCheckChar('91440300708461136')).toBe('T');
    expect(creditCodeCheckChar('91110000802100433')).toBe('B');
  });

  it('gives 0 when the weighted sum is a multiple of 31', () => {
    // By hand: 'W' (value 28) at weight 1 plus '1' at weight 3 sums to 31, so the check value is 31 mod 31 = 0.
    expect(creditCodeCheckChar('W1000000000000000')).toBe('0');
    expect(creditCodeCheckChar('00000000000000000')).toBe('0');
  });

  it('refuses to compute from a prefix that is not 17 alphabet characters', () => {
    expect(creditCodeCheckChar('91310000MA1FL000')).toBeNull();
    expect(creditCodeCheckChar('91310000MA1FL0000X')).toBeNull();
    expect(creditCodeCheckChar('91310000MA1FLI000')).toBeNull();
  });
});

describe('parseCreditCode', () => {
  const generated = `91310000MA1FL0000${creditCodeCheckChar('91310000MA1FL0000')}`;

  it.each([
    ['91350100M000100Y43', '91350100M000100Y43'],
    ['91440300708461136T', '91440300708461136T'],
    [generated, generated],
    ['91310000ma1fl0000n', '91310000MA1FL0000N'],
    ['９１３１００００ＭＡ１ＦＬ００００Ｎ', '91310000MA1FL0000N'],
    [' 9131 0000 MA1F L000 0N ', '91310000MA1FL0000N'],
  ])('reads %s as %s', (text, expected) => {
    expect(read(text)).toBe(expected);
  });

  it('reads the generated 91310000MA1FL0000 code with check character N', () => {
    expect(generated).toBe('91310000MA1FL0000N');
  });

  it.each([
    ['91350100M000100Y44', 'a wrong check character'],
    ['91350100M000100Y4', 'seventeen characters'],
    ['91350100M000100Y430', 'nineteen characters'],
    ['91350100M0001OOY43', 'the letter O'],
    ['9135010OM000100Y4I', 'the letters O and I'],
    ['91350100M000100S43', 'the letter S'],
    ['91350100M000100Z43', 'the letter Z'],
    ['91350100M000100V43', 'the letter V'],
    ['91350100-M000100Y43', 'a dash'],
    ['', 'nothing'],
    ['统一社会信用代码', 'Chinese text'],
  ])('refuses %s (%s)', (text) => {
    expect(read(text)).toBe('credit_code_invalid');
  });

  const prefix = fc.array(fc.constantFrom(...ALPHABET), { minLength: 17, maxLength: 17 }).map((cs) => cs.join(''));
  const validCode = prefix.map((p) => p + (creditCodeCheckChar(p) ?? '?'));

  it('accepts every code built with its own check character', () => {
    fc.assert(
      fc.property(validCode, (code) => {
        expect(read(code)).toBe(code);
        expect(read(code.toLowerCase())).toBe(code);
      }),
    );
  });

  it('refuses any code with one character changed', () => {
    // Replacements include letters outside the alphabet; the original character is never its own replacement.
    const replacements = [...ALPHABET, 'I', 'O', 'S', 'V', 'Z', '-', '*', '中'];
    fc.assert(
      fc.property(validCode, fc.nat(17), fc.constantFrom(...replacements), (code, at, replacement) => {
        fc.pre(code[at] !== replacement);
        const changed = code.slice(0, at) + replacement + code.slice(at + 1);
        expect(read(changed), changed).toBe('credit_code_invalid');
      }),
    );
  });
});
