import { describe, expect, it } from 'vitest';
import { command, issues } from '../support/parse.ts';
import { parseFormSubmission, type Command } from '../../src/commands/registry.ts';

const ticket = (input: unknown): Command => ({ kind: 'ticket', input } as Command);

describe('/ticket: opening an after-sales request (CLI-4)', () => {
  it.each([
    ['/ticket 上海华信科技 打印机卡纸 客户要求上门', '上海华信科技', '打印机卡纸 客户要求上门'],
    ['/工单 上海华信科技 打印机卡纸 客户要求上门', '上海华信科技', '打印机卡纸 客户要求上门'],
    ['工单 上海华信科技 打印机卡纸 客户要求上门', '上海华信科技', '打印机卡纸 客户要求上门'],
    ['/售后 上海华信科技 打印机卡纸 客户要求上门', '上海华信科技', '打印机卡纸 客户要求上门'],
    ['/工单 上海华信科技 问题：打印机卡纸 客户要求上门', '上海华信科技', '打印机卡纸 客户要求上门'],
    ['/工单 上海华信科技 故障:打印机卡纸 客户要求上门', '上海华信科技', '打印机卡纸 客户要求上门'],
    ['/ticket Acme Trading Co problem:printer jams: error 12', 'Acme Trading Co', 'printer jams: error 12'],
  ])('reads "%s"', (text, company, problem) => {
    expect(command(text)).toEqual(ticket({ action: 'open', company, problem }));
  });

  it('opens the form when given nothing', () => {
    expect(command('/ticket')).toEqual({ kind: 'form', form: 'ticket' });
    expect(command('/工单')).toEqual({ kind: 'form', form: 'ticket' });
  });

  it('names the missing problem', () => {
    expect(issues('/工单 上海华信科技')).toEqual([{ code: 'missing_field', field: 'problem', details: {} }]);
  });

  it('refuses a response key on a new ticket', () => {
    expect(issues('/ticket ACME broken reply:done').map((i) => i.code)).toEqual(['unknown_key']);
  });

  it('reads the form, a company with spaces and a problem over several lines', () => {
    expect(parseFormSubmission('ticket', { company: 'Acme Trading Co', problem: 'printer\njams' })).toEqual({
      ok: true,
      value: ticket({ action: 'open', company: 'Acme Trading Co', problem: 'printer\njams' }),
    });
    const missing = parseFormSubmission('ticket', { company: 'Acme' });
    expect(missing.ok ? [] : missing.issues.map((i) => i.field)).toEqual(['problem']);
  });
});

describe('/ticket <id>: show, respond, close', () => {
  it.each([
    ['/ticket 12', 12],
    ['/工单 #12', 12],
    ['/工单 ＃7', 7],
  ])('shows "%s"', (text, ticketId) => {
    expect(command(text)).toEqual(ticket({ action: 'show', ticketId }));
  });

  it.each([
    ['/ticket 12 respond called the client, visiting tomorrow', 'called the client, visiting tomorrow'],
    ['/ticket 12 reply on site now', 'on site now'],
    ['/工单 12 回复 已电话联系，明天上门', '已电话联系，明天上门'],
    ['/工单 12 答复 回复内容:已处理：更换硒鼓', '已处理：更换硒鼓'],
    ['/ticket 12 respond response: done: replaced', 'done: replaced'],
  ])('records a response from "%s"', (text, responseText) => {
    expect(command(text)).toEqual(ticket({ action: 'respond', ticketId: 12, text: responseText }));
  });

  it('asks for the text (the Respond button) when a response has none', () => {
    expect(command('/ticket 12 respond')).toEqual(ticket({ action: 'respond', ticketId: 12, text: null }));
    expect(command('/工单 12 回复')).toEqual(ticket({ action: 'respond', ticketId: 12, text: null }));
  });

  it.each(['/ticket 12 close', '/工单 12 关闭', '/工单 #12 结单', '/TICKET 12 CLOSE'])('closes with "%s"', (text) => {
    expect(command(text)).toEqual(ticket({ action: 'close', ticketId: 12, note: null }));
  });

  it('names an unknown action and lists the ones there are', () => {
    const [only] = issues('/工单 12 删除');
    expect(only).toMatchObject({ code: 'choice_invalid', field: 'ticket_action', details: { value: '删除' } });
    expect(String(only?.details.options)).toContain('回复');
    expect(String(only?.details.options)).toContain('关闭');
  });

  it('keeps words after close as the closing note, and refuses a problem on an existing ticket', () => {
    expect(command('/工单 12 关闭 已解决')).toEqual(ticket({ action: 'close', ticketId: 12, note: '已解决' }));
    expect(command('/ticket 12 close solved on the phone')).toEqual(ticket({ action: 'close', ticketId: 12, note: 'solved on the phone' }));
    expect(issues('/ticket 12 respond problem:x').map((i) => i.code)).toEqual(['unknown_key']);
  });

  it('reads an all-digit company before problem: as the company, not a ticket number', () => {
    expect(command('/工单 360 问题:浏览器崩溃')).toEqual(ticket({ action: 'open', company: '360', problem: '浏览器崩溃' }));
    expect(command('/ticket 360 problem:browser crashes')).toEqual(ticket({ action: 'open', company: '360', problem: 'browser crashes' }));
  });

  it('reads the response form back as a response to that ticket', () => {
    expect(parseFormSubmission('ticket_respond', { ticket: '12', response: '已上门\n更换配件' })).toEqual({
      ok: true,
      value: ticket({ action: 'respond', ticketId: 12, text: '已上门\n更换配件' }),
    });
  });

  it('names a response that is too long', () => {
    expect(issues(`/ticket 12 respond ${'字'.repeat(1001)}`)).toEqual([
      { code: 'too_long', field: 'response', details: { max: 1000, length: 1001 } },
    ]);
  });
});
