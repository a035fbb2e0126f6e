import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parsePhone } from '../../src/grammar/values/phone.ts';

const read = (text: string) => {
  const r = parsePhone(text);
  return r.ok ? r.value : r.code;
};

describe('parsePhone', () => {
  it.each([
    '13812345678',
    '138 1234 5678',
    '138-1234-5678',
    '138.1234.5678',
    '+8613812345678',
    '+86 138 1234 5678',
    '86 13812345678',
    '8613812345678',
    '0086 138 1234 5678',
    '(+86) 138-1234-5678',
    '（＋８６）１３８１２３４５６７８',
    '  13812345678  ',
  ])('reads the mobile number %s as +8613812345678', (text) => {
    expect(read(text)).toEqual({ canonical: '+8613812345678', kind: 'mobile' });
  });

  it.each([
    ['021-12345678', '+86-21-12345678'],
    ['02112345678', '+86-21-12345678'],
    ['(021) 1234-5678', '+86-21-12345678'],
    ['021-1234-5678', '+86-21-12345678'],
    ['0755 8765 4321', '+86-755-87654321'],
    ['0755-8765432', '+86-755-8765432'],
    ['010-1234567', '+86-10-1234567'],
    ['+86 21 1234 5678', '+86-21-12345678'],
    ['+86 021 1234 5678', '+86-21-12345678'],
    ['86-10-12345678', '+86-10-12345678'],
    ['0086 755 8765 4321', '+86-755-87654321'],
    ['(+86) 10 1234 5678', '+86-10-12345678'],
    ['０２１－１２３４５６７８', '+86-21-12345678'],
  ])('reads the landline %s as %s', (text, canonical) => {
    expect(read(text)).toEqual({ canonical, kind: 'landline' });
  });

  it.each([
    ['021-12345678-123', '+86-21-12345678-123'],
    ['021-12345678转123', '+86-21-12345678-123'],
    ['021-12345678 转 123', '+86-21-12345678-123'],
    ['021-12345678 ext 123', '+86-21-12345678-123'],
    ['021 1234 5678 EXT. 123', '+86-21-12345678-123'],
    ['021-12345678分机8', '+86-21-12345678-8'],
    ['010-1234567-8', '+86-10-1234567-8'],
    ['+86 21 1234 5678 转 123', '+86-21-12345678-123'],
  ])('keeps the extension of %s as %s', (text, canonical) => {
    expect(read(text)).toEqual({ canonical, kind: 'landline' });
  });

  it.each([
    'abc',
    '12345',
    '',
    '+1 415 555 0100',
    '+44 20 7946 0958',
    '001 415 555 0100',
    '1381234567a',
    '138l2345678',
    '12812345678',
    '1381234567',
    '138123456789',
    '12345678',
    '021-123456',
    '021-123456789',
    '011-12345678',
    '00-12345678',
    '400-123-4567',
    '13812345678转123',
    '+86 +86 13812345678',
    'tel: 13812345678',
  ])('refuses %s', (text) => {
    expect(read(text)).toBe('phone_invalid');
  });

  const mobile = fc
    .tuple(fc.constantFrom('3', '4', '5', '6', '7', '8', '9'), fc.stringMatching(/^\d{9}$/))
    .map(([second, rest]) => `1${second}${rest}`);
  const separator = fc.constantFrom('', ' ', '-', '.');
  const countryCode = fc.constantFrom('', '+86 ', '+86', '86', '0086 ', '(+86) ');

  it('gives every spelling of a mobile number the same canonical form', () => {
    fc.assert(
      fc.property(mobile, countryCode, separator, (digits, cc, sep) => {
        const text = `${cc}${digits.slice(0, 3)}${sep}${digits.slice(3, 7)}${sep}${digits.slice(7)}`;
        expect(read(text), text).toEqual({ canonical: `+86${digits}`, kind: 'mobile' });
      }),
    );
  });

  const areaCode = fc.oneof(
    fc.constant('10'),
    fc.stringMatching(/^2\d$/),
    fc.stringMatching(/^[3-9]\d\d$/),
  );
  const subscriber = fc.stringMatching(/^\d{7,8}$/);

  it('gives every spelling of a landline number the same canonical form', () => {
    fc.assert(
      fc.property(areaCode, subscriber, separator, fc.boolean(), (area, number, sep, international) => {
        const text = international ? `+86 ${area}${sep}${number}` : `0${area}${sep}${number}`;
        expect(read(text), text).toEqual({ canonical: `+86-${area}-${number}`, kind: 'landline' });
      }),
    );
  });

  it('keeps a dashed extension after any landline number', () => {
    fc.assert(
      fc.property(areaCode, subscriber, fc.stringMatching(/^\d{1,6}$/), (area, number, ext) => {
        const text = `0${area}-${number}-${ext}`;
        expect(read(text), text).toEqual({ canonical: `+86-${area}-${number}-${ext}`, kind: 'landline' });
      }),
    );
  });

  it('refuses a number with a letter put into it', () => {
    fc.assert(
      fc.property(mobile, fc.nat(10), fc.constantFrom('a', 'b', 'o', 'l', 'Z', '中'), (digits, at, letter) => {
        const text = digits.slice(0, at) + letter + digits.slice(at);
        expect(read(text), text).toBe('phone_invalid');
      }),
    );
  });
});
