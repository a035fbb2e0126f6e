import { describe, expect, it } from 'vitest';
import { command, issues } from '../support/parse.ts';
import type { InputIssue } from '../../src/grammar/issues.ts';
import { parseCommand, parseFormSubmission } from '../../src/commands/registry.ts';
import { MAX_MESSAGE_CHARS } from '../../src/grammar/read-command.ts';
import { readRawCommand as readCommand } from '../../src/commands/registry.ts';
import { creditCodeCheckChar } from '../../src/grammar/values/credit-code.ts';

const codes = (list: InputIssue[]) => list.map((i) => i.code);

const PREFIX17 = '91310115MA1H7ABCD';
const CREDIT_CODE = `${PREFIX17}${creditCodeCheckChar(PREFIX17)}`;

const LEAD_ARGS = 'ACME contact:Wang phone:13812345678 size:10 position:top';

describe('command words', () => {
  it.each(['/lead', 'lead', '/线索', '线索', '/LEAD', 'Lead', '／线索'])('"%s" names the lead command', (word) => {
    expect(command(`${word} ${LEAD_ARGS}`)).toEqual({
      kind: 'lead',
      input: expect.objectContaining({ company: 'ACME', contactName: 'Wang', phone: '+8613812345678' }),
    });
  });

  it.each([
    ['/client ACME', 'client'],
    ['/客户 ACME', 'client'],
    ['client ACME', 'client'],
    ['/visit ACME', 'visit'],
    ['拜访 ACME', 'visit'],
    ['/help', 'help'],
    ['/帮助', 'help'],
  ])('"%s" gives a %s command', (text, kind) => {
    expect(command(text).kind).toBe(kind);
  });

  it('reads help about a command named in either language', () => {
    expect(command('/help lead')).toEqual({ kind: 'help', topic: 'lead' });
    expect(command('/帮助 线索')).toEqual({ kind: 'help', topic: 'lead' });
  });

  it('refuses an unknown command and quotes the word that was typed', () => {
    expect(issues('/foo bar baz')).toEqual([{ code: 'unknown_command', field: null, details: { word: '/foo' } }]);
  });

  it('refuses an empty message as an unknown command', () => {
    expect(codes(issues('   '))).toEqual(['unknown_command']);
  });
});

describe('key:value pairs', () => {
  it('reads the full-width colon exactly like the ASCII one', () => {
    expect(command('/lead ACME contact：Wang phone：13812345678 size：10 position：top')).toEqual(command(`/lead ${LEAD_ARGS}`));
  });

  it('reads English and Chinese keys of a lead as the same fields', () => {
    const english = command(
      `/lead ACME contact:Wang phone:13812345678 email:wang@acme.cn size:10 position:top region:华东 code:${CREDIT_CODE} source:trade show`,
    );
    const chinese = command(
      `/线索 ACME 联系人:Wang 电话:13812345678 邮箱:wang@acme.cn 规模:10 行业地位:top 区域:华东 信用代码:${CREDIT_CODE} 来源:trade show`,
    );
    expect(chinese).toEqual(english);
    expect(english).toEqual({
      kind: 'lead',
      input: {
        company: 'ACME',
        contactName: 'Wang',
        phone: '+8613812345678',
        email: 'wang@acme.cn',
        size: '10',
        position: 'top',
        region: '华东',
        creditCode: CREDIT_CODE,
        source: 'trade show',
      },
    });
  });

  it('reads English and Chinese keys of a client as the same fields', () => {
    const english = command('/client ACME purchase:5万 grade:a reason:big potential manager:@sunqi');
    const chinese = command('/客户 ACME 年采购额:5万 等级:A 原因:big potential 客户经理:@sunqi');
    expect(chinese).toEqual(english);
    expect(english).toEqual({
      kind: 'client',
      input: { company: 'ACME', annualPurchaseFen: 5_000_000, grade: 'A', reason: 'big potential', accountManagerId: 'sunqi' },
    });
  });

  it('reads English and Chinese keys of a visit as the same fields', () => {
    const english = command('/visit ACME method:phone note:talked about prices');
    const chinese = command('/拜访 ACME 方式:电话 备注:talked about prices');
    expect(chinese).toEqual(english);
    expect(english).toEqual({ kind: 'visit', input: { company: 'ACME', method: 'phone', note: 'talked about prices' } });
  });

  it('reads keys in any letter case', () => {
    expect(command('/lead ACME CONTACT:Wang Phone:13812345678 SIZE:10 position:top')).toEqual(command(`/lead ${LEAD_ARGS}`));
  });

  it('runs a value to the next key, so company names and values may hold spaces', () => {
    expect(
      command('/lead Shanghai Huaxin Technology Co., Ltd. 联系人:Wang Xiao Ming 电话:138 1234 5678 规模:200 人 行业地位:regional leader'),
    ).toEqual({
      kind: 'lead',
      input: expect.objectContaining({
        company: 'Shanghai Huaxin Technology Co., Ltd.',
        contactName: 'Wang Xiao Ming',
        phone: '+8613812345678',
        size: '200 人',
        position: 'regional leader',
      }),
    });
  });

  it('takes a value that starts after a space behind the colon', () => {
    expect(command('/lead ACME contact: Wang phone: 13812345678 size: 10 position: top')).toEqual(command(`/lead ${LEAD_ARGS}`));
  });

  it('splits on the ideographic space as on any other space', () => {
    expect(command('/线索\u3000上海华信\u3000联系人:王\u3000电话:13812345678\u3000规模:10人\u3000行业地位:龙头')).toEqual({
      kind: 'lead',
      input: expect.objectContaining({ company: '上海华信', contactName: '王', size: '10人', position: '龙头' }),
    });
  });

  it('refuses an unknown key and lists the keys the command accepts in both languages', () => {
    const found = issues(`/lead ${LEAD_ARGS} colour:red`);
    expect(found).toEqual([
      {
        code: 'unknown_key',
        field: null,
        details: {
          key: 'colour',
          keys: 'contact/联系人, phone/电话, email/邮箱, size/规模, position/行业地位, region/区域, code/信用代码, source/来源, reason/原因',
        },
      },
    ]);
  });

  it('refuses a key that another command accepts but this one does not', () => {
    const found = issues('/visit ACME purchase:5万');
    expect(found).toEqual([{ code: 'unknown_key', field: null, details: { key: 'purchase', keys: 'method/方式, note/备注' } }]);
  });

  it('refuses the same key written twice, once in each language', () => {
    expect(issues('/lead ACME contact:Wang phone:13812345678 电话:13900000000 size:10 position:top')).toEqual([
      { code: 'duplicate_key', field: 'phone', details: { key: '电话' } },
    ]);
  });

  it('refuses a key with nothing after it', () => {
    expect(issues('/lead ACME contact:Wang phone: size:10 position:top')).toEqual([
      { code: 'missing_value', field: 'phone', details: { key: 'phone' } },
    ]);
  });

  it('refuses a key with nothing after it at the end of the message', () => {
    expect(issues('/lead ACME contact:Wang phone:13812345678 size:10 position:top 来源：')).toEqual([
      { code: 'missing_value', field: 'source', details: { key: '来源' } },
    ]);
  });

  it('reports every problem of a message at once', () => {
    expect(codes(issues('/lead ACME contact:Wang phone: colour:red size:10 size:20 position:top'))).toEqual(
      expect.arrayContaining(['missing_value', 'unknown_key', 'duplicate_key']),
    );
  });
});

describe('free-text keys', () => {
  it('keeps a word: inside a note as part of the note', () => {
    expect(command('/visit ACME note:he said: call back at time:3pm 网址:acme.cn')).toEqual({
      kind: 'visit',
      input: { company: 'ACME', method: 'onsite', note: 'he said: call back at time:3pm 网址:acme.cn' },
    });
  });

  it('keeps a word: inside a reason as part of the reason', () => {
    expect(command('/client ACME grade:A reason:说明:需求潜力大 plan:expand')).toEqual({
      kind: 'client',
      input: expect.objectContaining({ grade: 'A', reason: '说明:需求潜力大 plan:expand' }),
    });
  });

  it('ends the free text at a key the command accepts', () => {
    expect(command('/visit ACME note:quick call 方式:电话')).toEqual({
      kind: 'visit',
      input: { company: 'ACME', method: 'phone', note: 'quick call' },
    });
  });

  it('still refuses an unknown key written before any free-text key', () => {
    expect(codes(issues('/visit ACME remark:hello note:fine'))).toEqual(['unknown_key']);
  });

  it('refuses a word: in a key that is not free text', () => {
    expect(codes(issues(`/lead ${LEAD_ARGS} source:website url:acme.cn`))).toEqual(['unknown_key']);
  });
});

describe('forms', () => {
  it.each([
    ['/lead', 'lead'],
    ['/线索', 'lead'],
    ['lead   ', 'lead'],
    ['/client', 'client'],
    ['/客户', 'client'],
    ['/visit', 'visit'],
    ['拜访', 'visit'],
  ])('a bare "%s" opens the %s form', (text, form) => {
    expect(command(text)).toEqual({ kind: 'form', form });
  });

  it('reports every missing required field of the lead form at once', () => {
    const parsed = parseFormSubmission('lead', {});
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.issues).toEqual([
      { code: 'missing_field', field: 'company', details: {} },
      { code: 'missing_field', field: 'contact', details: {} },
      { code: 'missing_field', field: 'phone', details: { or: 'email' } },
      { code: 'missing_field', field: 'size', details: {} },
      { code: 'missing_field', field: 'position', details: {} },
    ]);
  });

  it('treats blank form values as missing', () => {
    const parsed = parseFormSubmission('lead', { company: '  ', contact: 'Wang', phone: ' ', size: '10', position: 'top' });
    expect(parsed.ok ? [] : parsed.issues.map((i) => `${i.code}:${i.field}`)).toEqual(['missing_field:company', 'missing_field:phone']);
  });

  it('gives a filled-in form the same command as the typed text', () => {
    const form = parseFormSubmission('lead', {
      company: 'Shanghai Huaxin Co., Ltd.',
      contact: 'Wang Xiao Ming',
      phone: '138 1234 5678',
      size: '200 人',
      position: 'regional leader',
      region: '华东',
    });
    const text = parseCommand(
      '/lead Shanghai Huaxin Co., Ltd. contact:Wang Xiao Ming phone:138 1234 5678 size:200 人 position:regional leader region:华东',
    );
    expect(form).toEqual(text);
    expect(form.ok).toBe(true);
  });

  it.each([
    ['lead', { company: 'ACME', contact: 'Wang', phone: 'abc', size: '10', position: 'top' }, 'phone_invalid', 'phone'],
    ['lead', { company: 'ACME', contact: 'Wang', email: 'wang.acme.cn', size: '10', position: 'top' }, 'email_invalid', 'email'],
    ['lead', { company: 'ACME 🚀', contact: 'Wang', phone: '13812345678', size: '10', position: 'top' }, 'emoji_not_allowed', 'company'],
    ['lead', { company: 'ACME', contact: 'W'.repeat(51), phone: '13812345678', size: '10', position: 'top' }, 'too_long', 'contact'],
    ['visit', { company: 'ACME', method: 'fax' }, 'choice_invalid', 'method'],
    ['visit', { company: 'ACME', note: 'n'.repeat(501) }, 'too_long', 'note'],
  ] as const)('checks a submitted %s form like typed text: %j is %s on %s', (form, values, code, field) => {
    const parsed = parseFormSubmission(form, values);
    expect(parsed.ok ? [] : parsed.issues.map((i) => [i.code, i.field])).toEqual([[code, field]]);
  });

  it('refuses control characters in a submitted form as it does in typed text', () => {
    expect(codes(issues('/visit ACME note:a\u0007b'))).toEqual(['control_characters']);
    const parsed = parseFormSubmission('visit', { company: 'ACME', note: 'a\u0007b' });
    expect(parsed.ok ? [] : codes(parsed.issues)).toEqual(['control_characters']);
  });

  it('does not read key:value inside a form field', () => {
    expect(parseFormSubmission('visit', { company: 'ACME contact:Wang', note: 'colour:red' })).toEqual({
      ok: true,
      value: { kind: 'visit', input: { company: 'ACME contact:Wang', method: 'onsite', note: 'colour:red' } },
    });
  });
});

describe('lead lists', () => {
  it.each([
    ['/leads', 'today'],
    ['/leads today', 'today'],
    ['/leads week', 'week'],
    ['/今日线索', 'today'],
    ['/今日线索 本周', 'week'],
    ['/今日线索 今天', 'today'],
  ])('"%s" lists the leads of %s', (text, period) => {
    expect(command(text)).toEqual({ kind: 'leads', period });
  });

  it('refuses a period it does not know and lists the ones it does', () => {
    expect(issues('/leads month')).toEqual([
      { code: 'choice_invalid', field: 'period', details: { value: 'month', options: expect.stringContaining('week') } },
    ]);
  });
});

describe('what a message may hold', () => {
  it('refuses a message over 2000 characters before reading it', () => {
    const text = `/lead ${'A'.repeat(MAX_MESSAGE_CHARS - 6 + 1)}`;
    expect([...text].length).toBe(2001);
    expect(issues(text)).toEqual([{ code: 'message_too_long', field: null, details: { max: 2000, length: 2001 } }]);
  });

  it('reads a message of exactly 2000 characters', () => {
    const text = `/visit ACME note:${'n'.repeat(MAX_MESSAGE_CHARS - 17)}`;
    expect([...text].length).toBe(2000);
    expect(codes(issues(text))).not.toContain('message_too_long');
  });

  it('counts characters, not UTF-16 units, so a message of 1997 characters outside the BMP is not too long', () => {
    const text = `/visit ACME note:${'𠀀'.repeat(1980)}`;
    expect([...text].length).toBe(1997);
    expect(text.length).toBeGreaterThan(MAX_MESSAGE_CHARS);
    expect(codes(issues(text))).toEqual(['too_long']);
  });

  it.each([
    ['NUL', '\u0000'],
    ['bell', '\u0007'],
    ['escape', '\u001b'],
    ['delete', '\u007f'],
    ['vertical tab', '\u000b'],
  ])('refuses a message with the %s control character', (_name, char) => {
    expect(issues(`/lead ACME${char} ${LEAD_ARGS.slice(5)}`)).toEqual([{ code: 'control_characters', field: null, details: {} }]);
  });

  it('reads tabs and line breaks as spaces', () => {
    expect(command('/lead ACME\ncontact:Wang\tphone:13812345678\r\nsize:10 position:top')).toEqual(command(`/lead ${LEAD_ARGS}`));
  });

  it('keeps the raw words and pairs apart', () => {
    expect(readCommand('/客户 上海 华信 年采购额：3.5万元')).toEqual({
      ok: true,
      value: { name: 'client', words: '上海 华信', pairs: { purchase: '3.5万元' } },
    });
  });
});

describe('client values', () => {
  it('refuses a grade outside A, B and C', () => {
    expect(issues('/client X grade:D')).toEqual([
      { code: 'choice_invalid', field: 'grade', details: { value: 'D', options: 'a, b, c' } },
    ]);
  });

  it.each([
    ['manager:@sunqi', 'sunqi'],
    ['manager:sunqi', 'sunqi'],
    ['客户经理:＠SunQi', 'sunqi'],
  ])('reads %s as the person id %s', (pair, id) => {
    expect(command(`/client X ${pair}`)).toEqual({
      kind: 'client',
      input: { company: 'X', annualPurchaseFen: null, grade: null, reason: null, accountManagerId: id },
    });
  });

  it('refuses a manager that is not a person id', () => {
    expect(issues('/client X manager:!!')).toEqual([{ code: 'person_invalid', field: 'manager', details: { value: '!!' } }]);
  });

  it.each([
    ['-5', 'amount_negative'],
    ['五块', 'amount_invalid'],
    ['1e9', 'amount_invalid'],
  ])('refuses the purchase amount %s as %s', (amount, code) => {
    expect(issues(`/client X purchase:${amount}`)).toEqual([{ code, field: 'purchase', details: { value: amount } }]);
  });

  it('refuses a client without a company name', () => {
    expect(issues('/client purchase:5万')).toEqual([{ code: 'missing_field', field: 'company', details: {} }]);
  });
});

describe('keys written without a space before them', () => {
  it('reads a Chinese key glued to the previous value as a new key', () => {
    const parsed = parseCommand('/线索 上海华信 联系人:王经理电话:13812345678规模：200人 行业地位:龙头');
    expect(parsed.ok && parsed.value.kind === 'lead' && parsed.value.input).toMatchObject({
      company: '上海华信',
      contactName: '王经理',
      phone: '+8613812345678',
      size: '200人',
      position: '龙头',
    });
  });

  it('reads the longest Chinese key, so 统一社会信用代码 is not cut to 信用代码', () => {
    const raw = readCommand('/线索 甲公司 统一社会信用代码:91350100M000100Y43');
    expect(raw.ok && raw.value.pairs).toEqual({ code: '91350100M000100Y43' });
  });
});

describe('values that look like keys', () => {
  it('keeps a URL in a value instead of reading https as a key', () => {
    const raw = readCommand('/lead 甲公司 contact:王 phone:13812345678 size:1 position:1 source:企查查 https://www.qcc.com/firm/1');
    expect(raw.ok && raw.value.pairs.source).toBe('企查查 https://www.qcc.com/firm/1');
  });

  it('asks for the grade when a reason is given alone, instead of dropping it', () => {
    const parsed = parseCommand('/client 甲公司 reason:需求潜力大');
    expect(parsed.ok ? null : parsed.issues).toEqual([{ code: 'missing_field', field: 'grade', details: {} }]);
  });
});

describe('approval commands', () => {
  const ctx = { today: '2026-11-26' };
  it('reads /expense as an amount, then the purpose, with event and date', () => {
    const parsed = parseCommand('/费用 3.5万元 秋季展会 展位 活动:进博会 日期:明天', ctx);
    expect(parsed.ok && parsed.value).toEqual({
      kind: 'submit_approval',
      input: { kind: 'expense', subject: '秋季展会 展位', amountFen: 3_500_000, event: '进博会', product: null, onDate: '2026-11-27' },
    });
  });

  it('names a missing purpose and a bad amount', () => {
    const noPurpose = parseCommand('/expense 5000', ctx);
    const badAmount = parseCommand('/expense 五块 礼品', ctx);
    expect(noPurpose.ok ? [] : noPurpose.issues.map((i) => `${i.code}:${i.field}`)).toEqual(['missing_field:purpose']);
    expect(badAmount.ok ? [] : badAmount.issues.map((i) => `${i.code}:${i.field}`)).toEqual(['amount_invalid:amount']);
  });

  it('keeps form fields in their places: a missing amount is not filled by the purpose', () => {
    const parsed = parseFormSubmission('expense', { purpose: '展会' }, ctx);
    expect(parsed.ok ? [] : parsed.issues.map((i) => `${i.code}:${i.field}`)).toEqual(['missing_field:amount']);
  });

  it('reads /promo with product, start and budget', () => {
    const parsed = parseCommand('/推广 新品试用季 产品:智能锁X1 开始:12月1日 预算:3万', ctx);
    expect(parsed.ok && parsed.value).toMatchObject({ kind: 'submit_approval', input: { kind: 'promotion', subject: '新品试用季', product: '智能锁X1', onDate: '2026-12-01', amountFen: 3_000_000 } });
  });

  it.each([
    ['/approvals', { action: 'list' }],
    ['/审批 同意 12', { action: 'decide', requestId: 12, decision: 'approve', reason: null }],
    ['/approvals reject #12 reason:over budget', { action: 'decide', requestId: 12, decision: 'reject', reason: 'over budget' }],
    ['/审批 撤回 7', { action: 'withdraw', requestId: 7 }],
    ['/approvals page:2', { action: 'list', page: 2 }],
    ['/审批 页:3', { action: 'list', page: 3 }],
  ])('reads "%s"', (text, input) => {
    const parsed = parseCommand(text, ctx);
    expect(parsed.ok && parsed.value).toEqual({ kind: 'approvals', input });
  });

  it('names a missing or bad approval number', () => {
    const missing = parseCommand('/审批 同意', ctx);
    expect(missing.ok ? [] : missing.issues.map((i) => `${i.code}:${i.field}`)).toEqual(['missing_field:id']);
  });

  it.each(['0', 'two', '-1', '12345'])('names a page "%s" that is not a whole number from 1', (page) => {
    const wrong = parseCommand(`/approvals page:${page}`, ctx);
    expect(wrong.ok ? [] : wrong.issues.map((i) => `${i.code}:${i.field}`)).toEqual(['choice_invalid:page']);
  });
});

describe('the reject form', () => {
  it('is /approvals reject <id> reason:… filled in', () => {
    const parsed = parseFormSubmission('reject', { id: '12', reason: '超出预算' }, { today: '2026-11-26' });
    expect(parsed.ok && parsed.value).toEqual({ kind: 'approvals', input: { action: 'decide', requestId: 12, decision: 'reject', reason: '超出预算' } });
  });
});

describe('/delegate', () => {
  it('reads the person and the date', () => {
    const parsed = parseCommand('/委托 @wangwu 截止:12月5日', { today: '2026-11-26' });
    expect(parsed.ok && parsed.value).toEqual({ kind: 'delegate', input: { delegateId: 'wangwu', until: '2026-12-05' } });
  });

  it('names a missing date and a bad person', () => {
    const parsed = parseCommand('/delegate !!', { today: '2026-11-26' });
    expect(parsed.ok ? [] : parsed.issues.map((i) => `${i.code}:${i.field}`)).toEqual(['person_invalid:delegate', 'missing_field:until']);
  });
});

describe('/leave and /remind', () => {
  const ctx = { today: '2026-11-26' };
  it('reads a leave of two dates, or of one day', () => {
    expect(parseCommand('/请假 12月1日 12月3日', ctx)).toEqual({ ok: true, value: { kind: 'leave', input: { from: '2026-12-01', to: '2026-12-03' } } });
    expect(parseCommand('/leave tomorrow', ctx)).toEqual({ ok: true, value: { kind: 'leave', input: { from: '2026-11-27', to: '2026-11-27' } } });
  });

  it('reads /remind off and /提醒 开, and names a wrong word', () => {
    expect(parseCommand('/remind off', ctx)).toEqual({ ok: true, value: { kind: 'remind', on: false } });
    expect(parseCommand('/提醒 开', ctx)).toEqual({ ok: true, value: { kind: 'remind', on: true } });
    const wrong = parseCommand('/remind maybe', ctx);
    expect(wrong.ok ? [] : wrong.issues.map((i) => `${i.code}:${i.field}`)).toEqual(['choice_invalid:switch']);
  });
});

describe('free text before the first key', () => {
  const ok = (text: string) => {
    const parsed = parseCommand(text, { today: '2026-11-26' });
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
    return JSON.stringify(parsed.value);
  };

  it('keeps a colon inside a plan, a ticket problem or response, an expense purpose as text', () => {
    expect(ok('/改进 目标: 回款率提升到95%；措施：每周拜访')).toContain('目标: 回款率提升到95%；措施：每周拜访');
    expect(ok('/工单 12 回复 已电话沟通：明天上门')).toContain('已电话沟通：明天上门');
    expect(ok('/工单 上海华信 打印机卡纸：客户要求上门')).toContain('打印机卡纸：客户要求上门');
    expect(ok('/费用 5000 展位费:A区 活动:车展')).toContain('"event":"车展"');
  });

  it('still refuses an unknown key where the words are not free text', () => {
    expect(parseCommand('/拜访 上海华信 时长:2小时').ok).toBe(false);
  });
});
