import { parseCreditCode } from '../values/credit-code.ts';
import { parseEmail } from '../values/email.ts';
import { parsePhone, type Phone } from '../values/phone.ts';

/** Runs of digits and the separators people write in phone numbers, with an extension word after them. */
const PHONE_RUN = /(?:\(?\+?\d[\d\s\-.()（）]{6,}\d)(?:\s*(?:转|分机|ext\.?|x)\s*\d{1,6})?/giu;
const EMAIL_RUN = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+/gu;
const CODE_RUN = /(?<![0-9A-Z])[0-9A-Z]{18}(?![0-9A-Z])/gu;

/**
 * The phone numbers in a piece of text, each as the phone parser reads it.
 * A run of digits may hold two numbers (`021-12345678 13812345678`) or one
 * number written in groups (`+86 138 1234 5678`): the longest run of
 * space-separated groups that is one number is taken, then the rest.
 */
export function phonesIn(text: string): Phone[] {
  const found: Phone[] = [];
  for (const run of text.normalize('NFKC').matchAll(PHONE_RUN)) {
    const groups = run[0].trim().split(/\s+/u);
    let i = 0;
    while (i < groups.length) {
      let taken = 0;
      for (let j = Math.min(groups.length, i + 5); j > i; j--) {
        const phone = parsePhone(groups.slice(i, j).join(' '));
        if (phone.ok) {
          found.push(phone.value);
          taken = j - i;
          break;
        }
      }
      i += taken || 1;
    }
  }
  return found;
}

/** The e-mail addresses in a piece of text, lower-cased by the e-mail parser. */
export function emailsIn(text: string): string[] {
  return [...text.normalize('NFKC').matchAll(EMAIL_RUN)].flatMap((m) => {
    const email = parseEmail(m[0].replace(/\.+$/u, ''));
    return email.ok ? [email.value] : [];
  });
}

/** The unified social credit codes in a piece of text: only those whose check character is right. */
export function creditCodesIn(text: string): string[] {
  return [...text.normalize('NFKC').toUpperCase().matchAll(CODE_RUN)].flatMap((m) => {
    const code = parseCreditCode(m[0]);
    return code.ok ? [code.value] : [];
  });
}

/** 18 letters and digits written where a credit code is labelled whose check fails: said in the answer, never taken. */
export function invalidCreditCodeIn(text: string): string | null {
  const run = /[0-9A-Z]{18}/u.exec(text.normalize('NFKC').toUpperCase().replace(/\s+/gu, ''));
  return run && !parseCreditCode(run[0]).ok ? run[0] : null;
}
