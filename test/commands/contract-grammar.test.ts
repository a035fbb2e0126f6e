import { describe, expect, it } from 'vitest';
import { parsePenaltyBp, parseTermDays } from '../../src/commands/contracts/read-contract.ts';
import { parseCommand, parseFormSubmission, type Command } from '../../src/commands/registry.ts';
import { translator } from '../../src/i18n/translate.ts';
import { issueText } from '../../src/views/problem-views.ts';

const ctx = { today: '2026-11-26' };
const command = (text: string): Command => {
  const parsed = parseCommand(text, ctx);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return parsed.value;
};
const issues = (text: string) => {
  const parsed = parseCommand(text, ctx);
  return parsed.ok ? [] : parsed.issues.map((i) => `${i.code}:${i.field}`);
};

const FULL_TERMS = { amountFen: 50_000_000, deliveryDate: '2026-12-20', paymentMethod: '银行转账', termDays: 45, penaltyBp: 500, signMethod: 'esign' };

describe('/contract and /payment', () => {
  it('reads a Chinese draft with every term, full-width colons and all', () => {
    expect(command('/合同 12 金额：50万 交付：2026-12-20 付款方式：银行转账 账期：45天 违约金：5% 签署：电子签')).toEqual({
      kind: 'contract',
      input: { action: 'draft', input: { dealId: 12, terms: FULL_TERMS } },
    });
  });

  it('reads the same draft in English', () => {
    expect(command('/contract 12 amount:500k delivery:2026-12-20 method:银行转账 term:45 days penalty:5％ sign:esign')).toEqual({
      kind: 'contract',
      input: { action: 'draft', input: { dealId: 12, terms: FULL_TERMS } },
    });
  });

  it('reads the long Chinese key names and paper signing', () => {
    const c = command('/合同 7 交付时间：12月30日 违约赔付比例：5 签署方式：纸质');
    expect(c).toEqual({ kind: 'contract', input: { action: 'draft', input: { dealId: 7, terms: { deliveryDate: '2026-12-30', penaltyBp: 500, signMethod: 'paper' } } } });
  });

  it('leaves missing and unreadable terms to the core, which names them with the breaches; other problems are answered at once', () => {
    expect(command('/合同 12 金额：很多 账期：一个月 违约金：五 签署：传真')).toEqual({
      kind: 'contract',
      input: {
        action: 'draft',
        input: {
          dealId: 12,
          terms: {},
          unreadable: [
            { field: 'amount', value: '很多' },
            { field: 'term', value: '一个月' },
            { field: 'penalty', value: '五' },
            { field: 'sign', value: '传真' },
          ],
        },
      },
    });
    expect(issues('/contract abc amount:5万')).toEqual(['choice_invalid:contract_deal']);
    expect(issues('/contract abc amount:很多')).toEqual(['choice_invalid:contract_deal', 'amount_invalid:amount']);
  });

  it('says how to write a malformed term, penalty or payment method, with an example and no raw placeholder', () => {
    const parsed = parseCommand(`/合同 5 金额:50万 账期:两个月 违约金:五 付款方式:${'转'.repeat(51)}`, ctx);
    if (parsed.ok) throw new Error('parsed');
    const zh = parsed.issues.map((i) => issueText(translator('zh-CN'), i));
    expect(zh).toEqual(['付款方式太长（51 个字），最多 50 个字。', '账期「两个月」无效：请写天数，例如 账期:45天。', '违约赔付比例「五」无效：请写百分比，例如 违约金:5%。']);
    const en = parsed.issues.map((i) => issueText(translator('en'), i));
    expect(en.join(' ')).not.toMatch(/[{}]/);
    expect(en[0]).toContain('payment method');
  });

  it('shows, submits and signs a contract by its number', () => {
    expect(command('/contract 3')).toEqual({ kind: 'contract', input: { action: 'show', contractId: 3 } });
    expect(command('/合同 #3 提交')).toEqual({ kind: 'contract', input: { action: 'submit', contractId: 3 } });
    expect(command('/contract 3 submit')).toEqual({ kind: 'contract', input: { action: 'submit', contractId: 3 } });
    expect(command('/合同 3 已签')).toEqual({ kind: 'contract', input: { action: 'sign', contractId: 3, ref: null } });
    expect(command('/contract 3 signed')).toEqual({ kind: 'contract', input: { action: 'sign', contractId: 3, ref: null } });
    expect(issues('/contract 3 approve')).toEqual(['choice_invalid:contract_action']);
  });

  it('keeps the signature reference of a signing, and refuses one anywhere else', () => {
    expect(command('/contract 3 signed ref:HT-2026-001')).toEqual({ kind: 'contract', input: { action: 'sign', contractId: 3, ref: 'HT-2026-001' } });
    expect(command('/合同 3 已签 签署编号：ESIGN 7F3A')).toEqual({ kind: 'contract', input: { action: 'sign', contractId: 3, ref: 'ESIGN 7F3A' } });
    expect(issues('/contract 3 ref:HT-1')).toEqual(['unknown_key:sign_ref']);
    expect(issues('/contract 3 submit ref:HT-1')).toEqual(['unknown_key:sign_ref']);
  });

  it('opens a form for /contract or /payment given alone, and reads the submitted forms as the typed commands', () => {
    expect(command('/contract')).toEqual({ kind: 'form', form: 'contract' });
    expect(command('/回款')).toEqual({ kind: 'form', form: 'payment' });
    const draft = parseFormSubmission('contract', { deal_id: '7', amount: '50万', delivery: '2026-12-20', method: '银行转账', term: '45', penalty: '5%', sign: 'esign' }, ctx);
    expect(draft).toMatchObject({ ok: true, value: { kind: 'contract', input: { action: 'draft', input: { dealId: 7, terms: { amountFen: 50_000_000, termDays: 45, signMethod: 'esign' } } } } });
    expect(parseFormSubmission('payment', { contract_id: '3', amount: '5万' }, ctx)).toEqual({
      ok: true,
      value: { kind: 'payment', input: { contractId: 3, amountFen: 5_000_000, paidOn: null } },
    });
  });

  it('records a payment in Chinese and English, the date optional', () => {
    expect(command('/回款 3 金额：20万 日期：昨天')).toEqual({ kind: 'payment', input: { contractId: 3, amountFen: 20_000_000, paidOn: '2026-11-25' } });
    expect(command('/payment 3 amount:50,000')).toEqual({ kind: 'payment', input: { contractId: 3, amountFen: 5_000_000, paidOn: null } });
    expect(issues('/payment 3')).toEqual(['missing_field:amount']);
    expect(issues('/回款 金额：0')).toEqual(['missing_field:contract_id', 'amount_invalid:amount']);
  });

  it.each([
    ['45', 45],
    ['45天', 45],
    ['45 days', 45],
    ['４５日', 45],
  ])('reads the term %s as %i days', (text, days) => {
    expect(parseTermDays(text)).toEqual({ ok: true, value: days });
  });

  it.each([
    ['5', 500],
    ['5%', 500],
    ['5％', 500],
    ['2.5%', 250],
    ['0.05', 5],
  ])('reads the penalty %s as %i hundredths of a percent', (text, bp) => {
    expect(parsePenaltyBp(text)).toEqual({ ok: true, value: bp });
  });
});
