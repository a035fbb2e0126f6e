import type { ReportLeadCommand } from '../../core/leads/report-lead.ts';
import type { DecideHeldLeadCommand } from '../../core/leads/decide-held-lead.ts';
import { cleanCompanyDisplayName } from '../../core/leads/company-name.ts';
import { issue, type InputIssue, type Parsed } from '../../grammar/issues.ts';
import type { RawCommand } from '../../grammar/read-command.ts';
import type { LeadKey } from './lead-keys.ts';
import { parseCreditCode } from '../../grammar/values/credit-code.ts';
import { parseEmail } from '../../grammar/values/email.ts';
import { parsePhone } from '../../grammar/values/phone.ts';
import { optionalText, optionalValue, parsed, requiredText } from '../../grammar/fields.ts';

// The company name's limit is a policy setting, checked by the core (LEAD-1).
const COMPANY_EDGE_MAX = 1000;

const HOLD_VERBS: Record<string, DecideHeldLeadCommand['decision']> = {
  allow: 'allow',
  允许: 'allow',
  refuse: 'refuse',
  拒绝: 'refuse',
  驳回: 'refuse',
};
const HOLD_DECISION = /^(\S+)\s+[#＃]?(\d{1,9})$/u;

export type LeadAction = { action: 'report'; lead: ReportLeadCommand } | { action: 'decide_hold'; decision: DecideHeldLeadCommand };

/**
 * `/lead <company> …` reports a lead; `/lead allow <n> reason:…` and
 * `/lead refuse <n>` decide a held likely duplicate (LEAD-2), from its card.
 * A company is never called "allow 12": the verb and a number alone, with no
 * lead fields, are a decision.
 */
export function buildLeadAction(raw: RawCommand<LeadKey>): Parsed<LeadAction> {
  const match = HOLD_DECISION.exec(raw.words.trim());
  const decision = match ? HOLD_VERBS[(match[1] ?? '').toLowerCase()] : undefined;
  const leadKeys = Object.keys(raw.pairs).filter((k) => k !== 'reason');
  if (match && decision && leadKeys.length === 0) {
    const issues: InputIssue[] = [];
    const reason = optionalText(raw.pairs.reason, 'reason', { max: 200, allowEmoji: true }, issues);
    return parsed({ action: 'decide_hold', decision: { heldId: Number(match[2]), decision, reason } }, issues);
  }
  const lead = buildLead(raw);
  return lead.ok ? { ok: true, value: { action: 'report', lead: lead.value } } : lead;
}

/** `/lead <company> contact:… phone:…|email:… size:… position:… [region:… code:… source:…]` */
export function buildLead({ words, pairs }: RawCommand<LeadKey>): Parsed<ReportLeadCommand> {
  const issues: InputIssue[] = [];
  if (pairs.reason !== undefined) issues.push(issue('unknown_key', 'reason', { key: 'reason', keys: 'contact, phone, email, size, position, region, code, source' }));
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
