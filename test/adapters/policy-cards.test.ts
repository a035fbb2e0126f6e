import { describe, expect, it } from 'vitest';
import { renderCard } from '../../adapters/feishu/card.ts';
import { renderBlocks } from '../../adapters/slack/block-kit.ts';
import { RULE_IDS, RULE_SECTIONS, ruleValues } from '../../src/core/policy-ack/rules.ts';
import { itemVersion, type AckItem } from '../../src/core/policy-ack/versions.ts';
import type { PolicyShown } from '../../src/core/policy-ack/types.ts';
import type { Person } from '../../src/core/people.ts';
import { DEFAULT_POLICY } from '../../src/core/policy.ts';
import { LOCALES } from '../../src/core/people.ts';
import { translator } from '../../src/i18n/translate.ts';
import { noticeView } from '../../src/views/notice-view.ts';
import { policyStatusView, policyView, ruleView } from '../../src/views/policy-views.ts';
import { refusalView } from '../../src/views/problem-views.ts';
import type { View } from '../../src/views/view.ts';
import { checkCard } from '../fakes/feishu-card-rules.ts';
import { checkMessage } from '../fakes/slack-rules.ts';

const shown = (role: Person['role'], pending: readonly AckItem[]): PolicyShown => ({
  role,
  pending: [...pending],
  rules: Object.entries(RULE_SECTIONS).flatMap(([section, ids]) =>
    ids.map((id) => ({ id, section: section as keyof typeof RULE_SECTIONS, values: ruleValues(DEFAULT_POLICY, id), version: itemVersion(DEFAULT_POLICY, id), acknowledged: !pending.includes(id) })),
  ),
});
const person = (i: number): Person => ({ id: `p${i}`, name: '欧阳'.repeat(25), role: 'sales', region: '华东', managerId: null, slackId: null, feishuId: null, locale: null, monthlySalaryFen: null });

describe.each(LOCALES)('the policy cards in %s fit both platforms', (locale) => {
  const t = translator(locale);
  const ctx = { t, locale, timezone: 'Asia/Shanghai', policy: DEFAULT_POLICY };
  const fits = (view: View) => expect({ slack: checkMessage(renderBlocks(view, t)), feishu: checkCard(renderCard(view, t)) }).toEqual({ slack: null, feishu: null });

  it('/policy with every rule waiting, for a partner with the clause too', () => {
    const view = policyView(ctx, shown('partner', [...RULE_IDS, 'confidentiality']));
    fits(view);
    // Nothing is cut: every rule reaches the reader on both platforms.
    for (const rendered of [JSON.stringify(renderBlocks(view, t)), JSON.stringify(renderCard(view, t))]) for (const id of RULE_IDS) expect(rendered).toContain(`${id} `);
    fits(policyView(ctx, shown('sales', [])));
  });
  it('/policy <rule> for every rule', () => {
    for (const id of RULE_IDS) fits(ruleView(ctx, { ...shown('partner', [id]), rules: shown('partner', [id]).rules.filter((r) => r.id === id) }));
  });
  it('/policy status with many people missing everything', () => {
    fits(policyStatusView(ctx, { region: null, covered: 500, missing: Array.from({ length: 500 }, (_, i) => ({ person: person(i), pending: [...RULE_IDS] })) }));
  });
  it('the reminder and the digest', () => {
    fits(noticeView(t, locale, { kind: 'policy_ack_due', items: [...RULE_IDS], changed: true }));
    fits(noticeView(t, locale, { kind: 'policy_ack_digest', items: Array.from({ length: 30 }, (_, i) => ({ name: person(i).name, region: '华东', pending: 29 })), more: 470, covered: 500 }));
  });
  it('a refusal with its rule button', () => {
    const view = refusalView(t, 'company_owned', { company: '甲'.repeat(100), owner: '乙', region: '华东' });
    expect(view.blocks.at(-1)).toEqual({ type: 'actions', buttons: [{ label: t('button.policy_rule', { rule: 'LEAD-2' }), command: '/policy LEAD-2' }] });
    fits(view);
  });
});
