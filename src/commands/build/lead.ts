import type { ReportLeadCommand } from '../../core/leads/report-lead.ts';
import { cleanCompanyDisplayName } from '../../core/leads/company-name.ts';
import { issue, type InputIssue, type Parsed } from '../issues.ts';
import type { RawCommand } from '../read-command.ts';
import { parseCreditCode } from '../values/credit-code.ts';
import { parseEmail } from '../values/email.ts';
import { parsePhone } from '../values/phone.ts';
import { optionalText, optionalValue, parsed, requiredText } from './fields.ts';

// The company name's limit is a policy setting, checked by the core (LEAD-1).
const COMPANY_EDGE_MAX = 1000;

/** `/lead <company> contact:… phone:…|email:… size:… position:… [region:… code:… source:…]` */
export function buildLead({ words, pairs }: RawCommand): Parsed<ReportLeadCommand> {
  const issues: InputIssue[] = [];
  const company = cleanCompanyDisplayName(requiredText(words, 'company', { max: COMPANY_EDGE_MAX }, issues));
  const contactName = requiredText(pairs.contact, 'contact', { max: 50 }, issues);
  const phone = optionalValue(pairs.phone, 'phone', parsePhone, issues);
  const email = optionalValue(pairs.email, 'email', parseEmail, issues);
  if (pairs.phone === undefined && pairs.email === undefined) issues.push(issue('missing_field', 'phone', { or: 'email' }));
  const size = requiredText(pairs.size, 'size', { max: 50 }, issues);
  const position = requiredText(pairs.position, 'position', { max: 100 }, issues);
  const region = optionalText(pairs.region, 'region', { max: 30 }, issues);
  const creditCode = optionalValue(pairs.code, 'code', parseCreditCode, issues);
  const source = optionalText(pairs.source, 'source', { max: 50 }, issues);
  return parsed(
    { company, contactName, phone: phone?.canonical ?? null, email, size, position, region, creditCode, source },
    issues,
  );
}
