import { ok, refuse, type Result } from '../../core/result.ts';

export type EmailError = 'email_invalid';

const MAX_LENGTH = 254; // RFC 5321 path limit
const MAX_LOCAL_LENGTH = 64;
/** RFC 5322 dot-atom characters; quoted local parts are not accepted (nobody types them into a chat). */
const LOCAL_PART = /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/u;
const DOMAIN_LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/u;
/** The last label is letters (`com`, `cn`) or a punycode TLD (`xn--fiqs8s`), never all digits. */
const TOP_LEVEL_LABEL = /^(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/u;

/**
 * Reads an email address and returns it lower-cased: the canonical form is what
 * equality lookups (the blind index) compare. The whole address is lower-cased,
 * local part included; real mail systems treat it case-insensitively.
 * Internationalised (non-ASCII) addresses are refused.
 */
export const parseEmail = (text: string): Result<string, EmailError> => {
  const s = text.normalize('NFKC').trim().toLowerCase();
  if (s.length > MAX_LENGTH) return refuse('email_invalid');
  const parts = s.split('@');
  if (parts.length !== 2) return refuse('email_invalid');
  const [local = '', domain = ''] = parts;
  if (local.length > MAX_LOCAL_LENGTH || !LOCAL_PART.test(local)) return refuse('email_invalid');

  const labels = domain.split('.');
  const tld = labels[labels.length - 1] ?? '';
  if (labels.length < 2 || !labels.every((l) => DOMAIN_LABEL.test(l)) || !TOP_LEVEL_LABEL.test(tld)) {
    return refuse('email_invalid');
  }
  return ok(s);
};
