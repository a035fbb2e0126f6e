import { describe, expect, it } from 'vitest';
import { maskEmail, maskName, maskPhone } from '../../src/core/clients/contact-access.ts';

describe('masking contact data for people who may not see it (SEC-1)', () => {
  it.each([
    ['王建国', '王**'],
    ['张三', '张*'],
    ['李', '*'],
    ['John Smith', 'J*********'],
  ])('masks the name %s as %s', (name, masked) => expect(maskName(name)).toBe(masked));

  it.each([
    ['zhang.san@acme.com', 'z***@acme.com'],
    ['ab@acme.com', '***@acme.com'],
    ['a@acme.com', '***@acme.com'],
  ])('masks the e-mail %s as %s', (email, masked) => expect(maskEmail(email)).toBe(masked));

  it.each([
    ['+8613812345678', '138****5678'],
    ['+86-21-12345678', '021-****5678'],
    ['+86-755-87654321-123', '0755-****4321'],
  ])('masks the phone %s as %s', (phone, masked) => expect(maskPhone(phone)).toBe(masked));
});
