import { describe, expect, it } from 'vitest';
import { command, issues } from '../support/parse.ts';
import { parseFormSubmission } from '../../src/commands/registry.ts';

describe('/deal and /deals, in English and Chinese', () => {
  it.each([
    ['/deal new Acme Trading amount:5万', 'Acme Trading', 5_000_000],
    ['/商机 新建 上海华信科技 金额:50万', '上海华信科技', 50_000_000],
    ['/商机 新建 上海华信科技 金额：3.5万元', '上海华信科技', 3_500_000],
    ['商机 新建 上海华信科技', '上海华信科技', null],
  ])('"%s" opens a deal', (text, company, amountFen) => {
    expect(command(text)).toEqual({ kind: 'deal', input: { action: 'open', company, amountFen } });
  });

  it.each(['/deal 7', '/商机 7', '/deal #7'])('"%s" shows deal 7', (text) => {
    expect(command(text)).toEqual({ kind: 'deal', input: { action: 'show', dealId: 7 } });
  });

  it.each([
    ['/deal 7 next', null],
    ['/商机 7 下一步', null],
    ['/商机 7 推进', null],
    ['/deal 7 next 2', 2],
  ])('"%s" moves deal 7 on', (text, fromStage) => {
    expect(command(text)).toEqual({ kind: 'deal', input: { action: 'next', dealId: 7, fromStage } });
  });

  it('reads typed needs answers and the method, in either language, with or without spaces before Chinese keys', () => {
    expect(command('/deal 7 needs q1:ERP upgrade, slow reports q10:reports in 5 s method:phone')).toEqual({
      kind: 'deal',
      input: { action: 'needs', dealId: 7, answers: { 1: 'ERP upgrade, slow reports', 10: 'reports in 5 s' }, method: 'phone' },
    });
    expect(command('/商机 7 需求 问题1：库存管理混乱 问题10:上线三个月内库存周转提升20%方式:问卷')).toEqual({
      kind: 'deal',
      input: { action: 'needs', dealId: 7, answers: { 1: '库存管理混乱', 10: '上线三个月内库存周转提升20%' }, method: 'questionnaire' },
    });
    expect(command('/商机 7 需求 方式:现场')).toMatchObject({ input: { method: 'onsite', answers: {} } });
  });

  it('reads `needs` with no answers as a request for the form', () => {
    expect(command('/商机 7 需求')).toEqual({ kind: 'deal', input: { action: 'needs', dealId: 7, answers: {}, method: null } });
  });

  it('reads the proposal parts in either language', () => {
    expect(command('/deal 7 proposal products:Lock X1 x200 pricing:10% off service:3-year warranty')).toEqual({
      kind: 'deal',
      input: { action: 'proposal', dealId: 7, parts: { products: 'Lock X1 x200', pricing: '10% off', service: '3-year warranty' } },
    });
    expect(command('/商机 7 方案 产品组合:智能门锁X1 价格策略:九折')).toEqual({
      kind: 'deal',
      input: { action: 'proposal', dealId: 7, parts: { products: '智能门锁X1', pricing: '九折' } },
    });
  });

  it('reads a loss with its reason, and a loss without one as a request for the form', () => {
    expect(command('/deal 7 lost reason:chose a competitor')).toEqual({ kind: 'deal', input: { action: 'lost', dealId: 7, reason: 'chose a competitor' } });
    expect(command('/商机 7 输单 原因:预算取消')).toEqual({ kind: 'deal', input: { action: 'lost', dealId: 7, reason: '预算取消' } });
    expect(command('/商机 7 输单')).toEqual({ kind: 'deal', input: { action: 'lost', dealId: 7, reason: null } });
  });

  it.each(['/deals', '/商机列表', '商机列表'])('"%s" lists my deals', (text) => {
    expect(command(text)).toEqual({ kind: 'deals' });
  });

  it('reads the page of /deals page:2 and 商机列表 页:3, and names a page that is not a whole number', () => {
    expect(command('/deals page:2')).toEqual({ kind: 'deals', page: 2 });
    expect(command('商机列表 页:3')).toEqual({ kind: 'deals', page: 3 });
    expect(issues('/deals page:0').map((i) => [i.code, i.field])).toEqual([['choice_invalid', 'page']]);
  });

  it('opens the new-deal form for /deal alone', () => {
    expect(command('/商机')).toEqual({ kind: 'form', form: 'deal' });
  });

  it('names every problem at once: a bad number, an unknown action, a key that belongs elsewhere', () => {
    expect(issues('/deal abc next').map((i) => [i.code, i.field])).toEqual([['choice_invalid', 'deal_id']]);
    expect(issues('/deal 7 nxt').map((i) => [i.code, i.field])).toEqual([['choice_invalid', 'action']]);
    expect(issues('/deal 7 next amount:5万').map((i) => i.code)).toEqual(['unknown_key']);
    expect(issues('/deal 7 needs method:email').map((i) => [i.code, i.field])).toEqual([['choice_invalid', 'method']]);
    expect(issues('/deal 7 next 9').map((i) => [i.code, i.field])).toEqual([['choice_invalid', 'stage']]);
    expect(issues('/deal new').map((i) => [i.code, i.field])).toEqual([['missing_field', 'company']]);
    expect(issues('/商机 新建 华信 金额:很多').map((i) => [i.code, i.field])).toEqual([['amount_invalid', 'amount']]);
    expect(issues('/deal 7 lost reason:').map((i) => i.code)).toEqual(['missing_value']);
    expect(issues('/deals mine').map((i) => i.code)).toEqual(['unknown_key']);
  });

  it('keeps a note with a time in it as text: a key starts with a letter', () => {
    expect(command('/visit ACME note:call back at 10:30')).toMatchObject({ input: { note: 'call back at 10:30' } });
  });
});

describe('the deal forms map back to the same commands', () => {
  it('maps the needs form, its number filled in, to `/deal <id> needs …`', () => {
    expect(parseFormSubmission('needs', { deal_id: '7', q1: '库存管理混乱', q3: '50万', method: 'onsite' })).toEqual({
      ok: true,
      value: { kind: 'deal', input: { action: 'needs', dealId: 7, answers: { 1: '库存管理混乱', 3: '50万' }, method: 'onsite' } },
    });
  });

  it('refuses a needs form sent empty', () => {
    const parsed = parseFormSubmission('needs', { deal_id: '7' });
    expect(parsed.ok ? null : parsed.issues.map((i) => i.code)).toEqual(['missing_field']);
  });

  it('maps the new-deal, proposal and lost forms', () => {
    expect(parseFormSubmission('deal', { company: '上海华信科技', amount: '5万' })).toEqual({
      ok: true,
      value: { kind: 'deal', input: { action: 'open', company: '上海华信科技', amountFen: 5_000_000 } },
    });
    expect(parseFormSubmission('proposal', { deal_id: '7', service: '三年质保' })).toEqual({
      ok: true,
      value: { kind: 'deal', input: { action: 'proposal', dealId: 7, parts: { service: '三年质保' } } },
    });
    expect(parseFormSubmission('lost', { deal_id: '7', reason: '预算取消' })).toEqual({
      ok: true,
      value: { kind: 'deal', input: { action: 'lost', dealId: 7, reason: '预算取消' } },
    });
  });
});
