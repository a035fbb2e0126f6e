import type { RuleShown, PolicyAcknowledged, PolicyShown, PolicyStatus } from '../core/policy-ack/types.ts';
import { RULE_IDS, type RuleSection, type RuleValue, type RuleValues } from '../core/policy-ack/rules.ts';
import { CONFIDENTIALITY, type AckItem } from '../core/policy-ack/versions.ts';
import type { Locale } from '../core/people.ts';
import type { MessageKey, Translate } from '../i18n/translate.ts';
import { formatMoney } from './format.ts';
import type { ViewContext } from './view-context.ts';
import type { Block, View } from './view.ts';

/** The status list names this many people; the rest are counted (a card has limits). */
const STATUS_NAMES = 40;

/** A rule's value in the reader's language: money in yuan, basis points as a percent. */
function formatValue(value: RuleValue, locale: Locale): string {
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return value;
  if ('fen' in value) return formatMoney(value.fen, locale);
  return `${value.bp / 100}%`;
}

const formatted = (values: RuleValues, locale: Locale): Record<string, string> =>
  Object.fromEntries(Object.entries(values).map(([key, value]) => [key, formatValue(value, locale)]));

const ruleTitle = (t: Translate, id: string): string => t(`policy.rule.${id}.title` as MessageKey);
const ruleBody = (ctx: ViewContext, rule: RuleShown): string => ctx.t(`policy.rule.${rule.id}.body` as MessageKey, formatted(rule.values, ctx.locale));

/** A rule or the confidentiality clause, named in a sentence. */
export const itemName = (t: Translate, item: AckItem | string): string => (item === CONFIDENTIALITY ? t('policy.item.confidentiality') : item);

/** The items waiting, named; all the rules at once (a new person) as "every rule". */
const itemsText = (t: Translate, items: readonly AckItem[]): string =>
  items.filter((i) => i !== CONFIDENTIALITY).length >= RULE_IDS.length
    ? [t('policy.status.everything'), ...items.filter((i) => i === CONFIDENTIALITY).map((i) => itemName(t, i))].join(', ')
    : items.map((i) => itemName(t, i)).join(', ');

const ACK_BUTTON = (t: Translate): Block => ({ type: 'actions', buttons: [{ label: t('button.policy_ack'), command: '/policy ack', style: 'primary' }] });

/** `/policy`: every rule with the company's values, section by section, and what the reader has still to acknowledge. */
export function policyView(ctx: ViewContext, shown: PolicyShown): View {
  const { t } = ctx;
  const blocks: Block[] = [];
  if (shown.role === 'partner') blocks.push({ type: 'text', text: `${t('policy.confidentiality.title')}: ${t('policy.confidentiality.body')}` });
  let section: RuleSection | null = null;
  let items: string[] = [];
  const flush = () => {
    if (section && items.length) blocks.push({ type: 'text', text: t(`policy.section.${section}`) }, { type: 'list', items });
    items = [];
  };
  for (const rule of shown.rules) {
    if (rule.section !== section) {
      flush();
      section = rule.section;
    }
    items.push(`${rule.acknowledged ? '✓' : '•'} ${rule.id} ${ruleTitle(t, rule.id)}: ${ruleBody(ctx, rule)}`);
  }
  flush();
  blocks.push(...pendingBlocks(t, shown.pending));
  return { tone: 'info', title: t('policy.title'), blocks };
}

/** `/policy <rule>`: one rule in full, and whether the reader has acknowledged its current version. */
export function ruleView(ctx: ViewContext, shown: PolicyShown): View {
  const { t } = ctx;
  const rule = shown.rules[0];
  if (!rule) return policyView(ctx, shown);
  const blocks: Block[] = [{ type: 'text', text: ruleBody(ctx, rule) }];
  if (rule.id === 'SEC-2' && shown.role === 'partner') blocks.push({ type: 'text', text: `${t('policy.confidentiality.title')}: ${t('policy.confidentiality.body')}` });
  blocks.push({ type: 'note', text: t(rule.acknowledged ? 'policy.rule.acknowledged' : 'policy.rule.pending') });
  if (!rule.acknowledged) blocks.push(ACK_BUTTON(t));
  return { tone: 'info', title: `${rule.id} ${ruleTitle(t, rule.id)}`, blocks };
}

function pendingBlocks(t: Translate, pending: readonly AckItem[]): Block[] {
  if (!pending.length) return [{ type: 'note', text: t('policy.all_acknowledged') }];
  return [{ type: 'note', text: t('policy.pending', { count: pending.length, items: itemsText(t, pending) }) }, ACK_BUTTON(t)];
}

/** `/policy ack`: what was recorded, or that nothing was waiting. */
export function acknowledgedView({ t }: ViewContext, done: PolicyAcknowledged): View {
  if (!done.acknowledged.length) return { tone: 'info', blocks: [{ type: 'text', text: t('policy.ack.nothing') }] };
  const blocks: Block[] = [{ type: 'text', text: t('policy.ack.done', { count: done.acknowledged.length, items: itemsText(t, done.acknowledged) }) }];
  if (done.acknowledged.includes(CONFIDENTIALITY)) blocks.push({ type: 'note', text: t('policy.ack.done_confidentiality') });
  return { tone: 'success', blocks };
}

/** `/policy status`: who in the manager's scope has not acknowledged, and what. */
export function policyStatusView({ t }: ViewContext, status: PolicyStatus): View {
  const scope = status.region === null ? t('policy.status.scope_all') : t('policy.status.scope_region', { region: status.region });
  if (!status.missing.length) return { tone: 'success', title: t('policy.status.title'), blocks: [{ type: 'text', text: t('policy.status.none', { scope, covered: status.covered }) }] };
  const shown = status.missing.slice(0, STATUS_NAMES);
  const items = shown.map(({ person, pending }) =>
    t('policy.status.line', {
      name: person.name,
      region: person.region,
      items: itemsText(t, pending),
    }),
  );
  const blocks: Block[] = [{ type: 'text', text: t('policy.status.summary', { scope, missing: status.missing.length, covered: status.covered }) }, { type: 'list', items }];
  if (status.missing.length > shown.length) blocks.push({ type: 'note', text: t('policy.status.more', { count: status.missing.length - shown.length }) });
  return { tone: 'warning', title: t('policy.status.title'), blocks };
}
