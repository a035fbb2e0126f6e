import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseEmail } from '../../src/grammar/values/email.ts';

const read = (text: string) => {
  const r = parseEmail(text);
  return r.ok ? r.value : r.code;
};

describe('parseEmail', () => {
  it.each([
    ['zhang.san@example.com', 'zhang.san@example.com'],
    ['  Zhang.San@Example.COM  ', 'zhang.san@example.com'],
    ['ｚｈａｎｇ＠ｅｘａｍｐｌｅ．ｃｎ', 'zhang@example.cn'],
    ['li+crm@mail.example.com.cn', 'li+crm@mail.example.com.cn'],
    ["o'brien_1@sub-domain.example.org", "o'brien_1@sub-domain.example.org"],
    ['a@b.co', 'a@b.co'],
    ['sales@xn--fiqs8s.xn--fiqs8s', 'sales@xn--fiqs8s.xn--fiqs8s'],
    ['123@163.com', '123@163.com'],
  ])('reads %s as %s', (text, expected) => {
    expect(read(text)).toBe(expected);
  });

  it.each([
    ['', 'nothing'],
    ['zhang', 'no @'],
    ['zhang@', 'no domain'],
    ['@example.com', 'no local part'],
    ['a@@example.com', 'two @'],
    ['a@b@example.com', 'two @ apart'],
    ['zhang@example', 'a domain without a dot'],
    ['zhang@example.', 'a trailing dot'],
    ['zhang@.example.com', 'an empty label'],
    ['zhang@exa mple.com', 'a space in the domain'],
    ['zhang san@example.com', 'a space in the local part'],
    ['.zhang@example.com', 'a leading dot'],
    ['zhang.@example.com', 'a trailing dot in the local part'],
    ['zh..ang@example.com', 'two dots in a row'],
    ['zhang@-example.com', 'a label starting with a dash'],
    ['zhang@example-.com', 'a label ending with a dash'],
    ['zhang@example.c', 'a one-letter top-level domain'],
    ['zhang@example.123', 'a numeric top-level domain'],
    ['zhang@127.0.0.1', 'an IP address'],
    ['张三@example.com', 'a non-ASCII local part'],
    ['zhang@例子.中国', 'a non-ASCII domain'],
    ['"zhang"@example.com', 'a quoted local part'],
    ['zhang@exa_mple.com', 'an underscore in the domain'],
    [`${'a'.repeat(65)}@example.com`, 'a local part over 64 characters'],
    [`a@${'b'.repeat(64)}.com`, 'a label over 63 characters'],
    [`a@${Array.from({ length: 5 }, () => 'b'.repeat(60)).join('.')}.com`, 'more than 254 characters'],
  ])('refuses %s (%s)', (text) => {
    expect(read(text)).toBe('email_invalid');
  });

  it('accepts exactly 254 characters', () => {
    const text = `aaa@${Array.from({ length: 4 }, () => 'b'.repeat(61)).join('.')}.cn`;
    expect(text).toHaveLength(254);
    expect(read(text)).toBe(text);
    expect(read(`a${text}`)).toBe('email_invalid');
  });

  const label = fc.stringMatching(/^[a-z0-9](?:[a-z0-9-]{0,10}[a-z0-9])?$/);
  const address = fc
    .tuple(fc.stringMatching(/^[a-z0-9_+-]{1,12}(?:\.[a-z0-9_+-]{1,12})?$/), fc.array(label, { minLength: 1, maxLength: 3 }), fc.stringMatching(/^[a-z]{2,6}$/))
    .map(([local, labels, tld]) => `${local}@${[...labels, tld].join('.')}`);

  it('gives the same canonical form whatever the case and surrounding space', () => {
    fc.assert(
      fc.property(address, fc.array(fc.boolean(), { minLength: 60, maxLength: 60 }), (email, upper) => {
        const mixed = [...email].map((c, i) => (upper[i] ? c.toUpperCase() : c)).join('');
        expect(read(` ${mixed}\t`), mixed).toBe(email);
        expect(read(email)).toBe(email);
      }),
    );
  });

  it('refuses an address with a second @ put in anywhere', () => {
    fc.assert(
      fc.property(address, fc.nat(40), (email, at) => {
        const i = at % (email.length + 1);
        const text = `${email.slice(0, i)}@${email.slice(i)}`;
        expect(read(text), text).toBe('email_invalid');
      }),
    );
  });
});
