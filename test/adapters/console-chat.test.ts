import { readFileSync } from 'node:fs';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { runConsoleChat } from '../../adapters/console/console-chat.ts';
import { personById } from '../../src/core/identity.ts';
import { botFixture, type BotFixture } from '../support/bot-fixture.ts';
import { pgliteBackend } from '../support/test-database.ts';

/**
 * The console chat as a person uses it at a terminal: lines typed one after
 * another, everything judged on the text that comes back.
 */

let f: BotFixture;

beforeAll(async () => {
  f = await botFixture(pgliteBackend);
});
afterAll(() => f?.close());
beforeEach(() => {
  // Thursday 2026-11-26, a working day; a test that counts from zero moves to a day of its own.
  f.clock.set('2026-11-26T10:00:00+08:00');
});

interface Session {
  input: PassThrough;
  /** Everything printed so far. */
  text(): string;
  done: Promise<void>;
}

/** Starts a chat as `startAs`; `tty` makes the input look like a terminal, so prompts are printed. */
function startChat(startAs = 'zhangsan', tty = true): Session {
  const input = new PassThrough();
  if (tty) Object.assign(input, { isTTY: true });
  const output = new PassThrough();
  let printed = '';
  output.on('data', (chunk: Buffer) => (printed += chunk.toString('utf8')));
  const done = runConsoleChat({
    bot: f.bot,
    findPerson: (id) => personById(f.deps, id),
    knownIds: f.org.people.map((p) => p.id),
    startAs,
    input,
    output,
  });
  return { input, text: () => printed, done };
}

/** Types every line, then ends the input (Ctrl-D), and returns what the person read. */
async function chat(lines: string[], startAs = 'zhangsan'): Promise<string> {
  const session = startChat(startAs);
  for (const line of lines) session.input.write(`${line}\n`);
  session.input.end();
  await session.done;
  return session.text();
}

/** The text printed after the first occurrence of `marker`. */
function after(text: string, marker: string): string {
  const at = text.indexOf(marker);
  expect(at, `"${marker}" in the output`).toBeGreaterThanOrEqual(0);
  return text.slice(at + marker.length);
}

const count = (text: string, part: string) => text.split(part).length - 1;

let phoneSerial = 0;
/** A well-formed lead with a phone nobody else has. */
function leadLine(company: string, contact = '王经理'): string {
  phoneSerial += 1;
  return `/lead ${company} contact:${contact} phone:1370000${String(phoneSerial).padStart(4, '0')} size:200人 position:区域龙头`;
}

describe('reporting leads in the console chat', () => {
  it('a salesperson reporting five companies sees 1/5 up to 5/5 and is celebrated exactly once, not again for a sixth', async () => {
    f.clock.set('2026-11-30T10:00:00+08:00'); // Monday, a working day nobody has reported on yet
    const text = await chat([
      leadLine('杭州云栖数据有限公司'),
      '/线索 南京紫金软件有限公司 联系人：刘工 电话：13700009001 规模：50人 行业地位：新锐',
      leadLine('合肥高新光电股份有限公司'),
      '/lead 上海浦江物流有限公司 contact:Mr. Xu email:xu@pujiang-logistics.com size:1000+ position:行业前三',
      leadLine('宁波北仑港机有限公司'),
      leadLine('温州鹿城鞋业有限公司'),
    ]);

    expect(count(text, '线索已保存')).toBe(6);
    const positions = ['1/5', '2/5', '3/5', '4/5', '5/5'].map((p) => text.indexOf(`今日进度 ${p}`));
    for (const position of positions) expect(position).toBeGreaterThanOrEqual(0);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    expect(count(text, '🎉')).toBe(1);
    expect(count(text, '今日目标达成')).toBe(1);
    // The celebration comes with the fifth report, not before it.
    expect(text.indexOf('今日目标达成')).toBeGreaterThan(positions[4]!);
    expect(text.indexOf('今日目标达成')).toBeLessThan(text.indexOf('温州鹿城鞋业有限公司'));
    expect(after(text, '今日目标达成')).not.toContain('还差');
  });

  it('the reply to a lead names the company and its region and says how many are still missing', async () => {
    const text = await chat([leadLine('无锡梁溪精工有限公司')], 'zhaoliu');
    expect(text).toContain('线索已保存');
    expect(text).toContain('「无锡梁溪精工有限公司」（华东）已记录，由你跟进。');
    expect(text).toContain('今日进度 1/5');
    expect(text).toContain('还差 4 家完成今日目标。');
  });

  it("another salesperson reporting the same company in another spelling is refused with the owner's name and region and sees none of the contact data", async () => {
    const text = await chat([
      '/lead 苏州Acme精密机械有限公司 contact:陈建国 phone:13955667788 email:chen.jianguo@acme-sz.com size:500人 position:行业前三',
      '/as zhaoliu',
      '/lead 苏州ＡＣＭＥ精密机械 contact:刘强 phone:13711112233 size:500人 position:行业前三',
      '/lead 苏州 acme 精密机械有限责任公司 contact:刘强 phone:13711112233 size:500人 position:行业前三',
      // Someone else's company name, but the owner's contact phone written another way.
      '/lead 苏州新区贸易有限公司 contact:刘强 phone:+86 139 5566 7788 size:20人 position:小微',
      '/leads',
    ]);
    expect(text).toContain('线索已保存');

    const asZhaoliu = after(text, '已切换为 赵六');
    expect(asZhaoliu).not.toContain('线索已保存');
    expect(count(asZhaoliu, '已由 张三（华东）跟进，不能重复录入')).toBe(2);
    // The phone's refusal names its owner only, not which client holds it (SEC-1).
    expect(asZhaoliu).toContain('已登记在一家客户名下，由 张三 跟进');
    // SEC-1: nothing of the contact leaks into a refusal.
    expect(asZhaoliu).not.toContain('陈建国');
    expect(asZhaoliu).not.toContain('5566');
    expect(asZhaoliu).not.toContain('chen.jianguo');
    expect(asZhaoliu).not.toContain('acme-sz.com');
    // Nothing was stored for zhaoliu.
    expect(after(asZhaoliu, 'ℹ 今日线索')).not.toContain('苏州');
  });
});

describe('the client card in the console chat', () => {
  it('the owner sees the full contact, a colleague sees it masked with a note saying why', async () => {
    const text = await chat([
      '/lead 宁波海曙新材料有限公司 contact:周敏 phone:13812345678 email:zhou.min@haishu.cn size:300人 position:区域龙头',
      '/client 宁波海曙新材料',
      '/as zhaoliu',
      '/client 宁波海曙新材料有限公司',
    ]);
    const ownerCard = after(text, 'ℹ 宁波海曙新材料有限公司');
    const [asOwner = '', asColleague = ''] = ownerCard.split('已切换为 赵六');

    expect(asOwner).toContain('周敏');
    expect(asOwner).toMatch(/电话: 138 1234 5678/);
    expect(asOwner).toContain('zhou.min@haishu.cn');
    expect(asOwner).not.toContain('已脱敏');

    expect(asColleague).toContain('宁波海曙新材料有限公司');
    expect(asColleague).toContain('负责人: 张三');
    expect(asColleague).toContain('电话: 138 **** 5678');
    expect(asColleague).toContain('邮箱: z***@haishu.cn');
    expect(asColleague).toContain('联系人: 周*');
    expect(asColleague).toContain('联系方式已脱敏');
    expect(asColleague).not.toContain('1234');
    expect(asColleague).not.toContain('zhou.min');
    expect(asColleague).not.toContain('周敏');
  });

  it("the owner's regional manager sees the full contact", async () => {
    const text = await chat([
      '/lead 嘉兴南湖纺织有限公司 contact:沈涛 phone:13566778899 size:800人 position:行业前五',
      '/as lisi',
      '/client 嘉兴南湖纺织',
    ]);
    const asManager = after(text, '已切换为 李四');
    expect(asManager).toContain('沈涛');
    expect(asManager).toMatch(/电话: 135 6677 8899/);
    expect(asManager).not.toContain('已脱敏');
  });

  it('a company nobody reported is not found, and the reply says how to record it', async () => {
    const text = await chat(['/client 从未录入过的公司']);
    expect(text).toContain('没有找到客户「从未录入过的公司」');
    expect(text).toContain('/线索');
  });
});

describe('buttons as numbered choices', () => {
  it('typing 1 after a lead is saved shows today\'s leads, and typing 2 after the next one opens its client card', async () => {
    const text = await chat([leadLine('常熟虞山纺机有限公司', '钱工'), '1', leadLine('太仓港口机械有限公司', '钱工'), '2']);
    expect(text).toContain('[1] 查看今日线索');
    expect(text).toContain('[2] 查看客户卡片');
    expect(text).toContain('输入编号执行对应按钮');

    const afterFirstChoice = after(text, '输入编号执行对应按钮：');
    const answerToOne = afterFirstChoice.slice(0, afterFirstChoice.indexOf('太仓港口机械'));
    expect(answerToOne).toContain('ℹ 今日线索');
    // The leads as a table: the day, the company and the region lined up in one row.
    expect(answerToOne).toMatch(/2026-11-26 +常熟虞山纺机有限公司 +华东/);

    const afterSecondLead = after(text, '「太仓港口机械有限公司」（华东）已记录');
    expect(afterSecondLead).toContain('ℹ 太仓港口机械有限公司');
    expect(afterSecondLead).toContain('负责人: 张三');
    expect(afterSecondLead).toContain('钱工');
  });

  it('a number is no longer a choice once a reply without buttons came in between', async () => {
    const text = await chat([leadLine('昆山玉山电子有限公司'), '/help', '1']);
    // The help has no buttons, so "1" goes to the bot as text and is not understood.
    const afterHelp = after(text, '我能做什么');
    expect(afterHelp).toContain('不认识命令「1」');
    expect(afterHelp).not.toContain('ℹ 今日线索');
  });
});

describe('forms in the console chat', () => {
  it('a bare /lead asks for each field in turn and saves the lead from the answers', async () => {
    const text = await chat([
      '/lead',
      '常州天宁电子有限公司',
      '孙丽',
      '13611112222',
      'sun.li@tianning.com',
      '80人',
      '细分领域第二',
      '1',
      '',
      '展会',
      '/client 常州天宁电子',
    ]);
    const form = after(text, '录入线索（直接回车跳过选填项，输入 /cancel 取消）');
    const prompts = [
      '公司名称 (必填): ',
      '联系人 (必填): ',
      '电话: ',
      '邮箱: ',
      '公司规模 (必填): ',
      '行业地位 (必填): ',
      '可选：1) 华东',
      '区域: ',
      '统一社会信用代码: ',
      '来源: ',
    ];
    const at = prompts.map((p) => form.indexOf(p));
    for (const [i, position] of at.entries()) expect(position, prompts[i]).toBeGreaterThanOrEqual(0);
    expect(at).toEqual([...at].sort((a, b) => a - b));

    expect(form).toContain('线索已保存');
    expect(form).toContain('「常州天宁电子有限公司」（华东）已记录，由你跟进。');
    const card = after(form, 'ℹ 常州天宁电子有限公司');
    expect(card).toContain('联系人: 孙丽');
    expect(card).toMatch(/电话: 136 1111 2222/);
    expect(card).toContain('邮箱: sun.li@tianning.com');
    expect(card).toContain('规模: 80人');
    expect(card).toContain('行业地位: 细分领域第二');
  });

  it('a form with a bad phone comes back naming the phone, asks again only for the phone, and then saves', async () => {
    const text = await chat([
      '/lead',
      '镇江金山化工有限公司',
      '马可',
      '12345',
      '',
      '60人',
      '老牌',
      '',
      '',
      '',
      '13622223333',
      '/client 镇江金山化工',
    ]);
    expect(text).toContain('⚠ 电话「12345」不是有效的电话号码');
    const retry = after(text, '不是有效的电话号码');
    const beforeSaved = retry.slice(0, retry.indexOf('线索已保存'));
    expect(retry.indexOf('线索已保存')).toBeGreaterThan(0);
    expect(beforeSaved).toContain('电话: ');
    for (const notAskedAgain of ['公司名称', '联系人', '邮箱', '公司规模', '行业地位', '区域', '来源']) {
      expect(beforeSaved).not.toContain(notAskedAgain);
    }
    expect(retry).toContain('「镇江金山化工有限公司」（华东）已记录');
    // What was typed the first time is kept.
    const card = after(retry, 'ℹ 镇江金山化工有限公司');
    expect(card).toContain('联系人: 马可');
    expect(card).toMatch(/电话: 136 2222 3333/);
    expect(card).toContain('规模: 60人');
  });

  it("asks a picker's field as text: a person by name (the directory not listed), a date with its format, and delegates (issue 14)", async () => {
    const text = await chat(['/delegate', '周八', '2026-11-30'], 'lisi');
    const form = after(text, '委托审批');
    expect(form).toMatch(/代理人（@编号或姓名）[^\n]*: /);
    expect(form).toMatch(/截止日期（格式 YYYY-MM-DD）[^\n]*: /);
    expect(form).not.toContain('1) 张三');
    expect(form).toContain('已委托 周八 代为审批，至 2026-11-30 止');
  });

  it('/cancel in a form says it is cancelled and stores nothing', async () => {
    const text = await chat(['/lead', '扬州广陵食品有限公司', '/cancel', '/client 扬州广陵食品有限公司', '/leads']);
    expect(text).toContain('已取消。');
    const afterCancel = after(text, '已取消。');
    expect(afterCancel).not.toContain('线索已保存');
    expect(afterCancel).toContain('没有找到客户「扬州广陵食品有限公司」');
    expect(after(afterCancel, 'ℹ 今日线索')).not.toContain('扬州广陵食品');
    // The chat goes on as before: the next command is answered, not taken as a form answer.
    expect(afterCancel).toContain('今日进度');
  });

  it('/quit typed in the middle of a form ends the chat instead of becoming an answer', async () => {
    const session = startChat('zhangsan');
    for (const line of ['/lead', '/quit', '泰州海陵药业有限公司', '韩梅', '13633334444', '', '90人', '新锐', '', '', '']) {
      session.input.write(`${line}\n`);
    }
    const ended = await Promise.race([
      session.done.then(() => 'ended'),
      new Promise((resolve) => setTimeout(() => resolve('still running'), 5_000)),
    ]);
    session.input.end();
    await session.done;
    expect(ended, session.text()).toBe('ended');
    const afterQuit = after(session.text(), '录入线索（');
    expect(afterQuit).toContain('再见。');
    expect(afterQuit).not.toContain('线索已保存');
    expect(afterQuit).not.toContain('输入有误');
  });
});

describe('switching person', () => {
  it('/as nobody says the person is not in the directory, lists the ids, and keeps the current person', async () => {
    const text = await chat(['/as nobody', '/leads']);
    expect(text).toContain('人员目录中没有「nobody」');
    const listed = after(text, '可用：').split('\n')[0] ?? '';
    for (const person of f.org.people) expect(listed).toContain(person.id);
    expect(text).not.toContain('已切换为');
    expect(after(text, '人员目录中没有「nobody」')).toContain('[zhangsan] > ');
  });

  it('/as with an @ switches to that person and the prompt shows who is typing', async () => {
    const text = await chat(['/as @wujiu', '/leads']);
    expect(text).toContain('已切换为 吴九（wujiu，销售）。');
    expect(after(text, '已切换为 吴九')).toContain('[wujiu] > ');
  });

  it('the chat welcomes the person it starts as', async () => {
    const text = await chat([], 'lisi');
    expect(text).toContain('你现在是 李四（lisi，区域经理）');
    expect(text).toContain('再见。');
  });
});

describe('help in the console chat', () => {
  it('/help lists the commands in Chinese', async () => {
    const text = await chat(['/help']);
    expect(text).toContain('我能做什么');
    for (const command of ['/线索 <公司>', '/今日线索', '/客户 <公司>', '/拜访 <公司>', '/帮助']) expect(text).toContain(command);
    expect(text).toContain('每个工作日 5 家');
    for (const command of ['/商机 新建 <公司>', '/合同 <商机编号>', '/回款', '/工单', '/业绩', '/改进', '/目标', '/财务']) expect(text).toContain(command);
  });

  it('a person whose locale is en gets English after /as, /help included', async () => {
    const english = f.org.people.find((p) => p.locale === 'en');
    expect(english, 'a person with locale: en in examples/org.yaml').toBeDefined();
    const text = await chat([`/as ${english!.id}`, '/help']);
    const asEnglish = after(text, `You are now ${english!.name} (${english!.id}`);
    expect(asEnglish).toContain('What I can do');
    for (const command of ['/lead <company>', '/leads', '/client <company>', '/visit <company>', '/help']) expect(asEnglish).toContain(command);
    for (const command of ['/deal new <company>', '/contract <deal>', '/payment', '/ticket', '/kpi', '/plan', '/goal', '/finance']) expect(asEnglish).toContain(command);
    expect(asEnglish).not.toContain('我能做什么');
    expect(asEnglish).toContain('Bye.');
  });
});

describe('leaving the chat', () => {
  it('/quit ends the chat even with more input waiting, and says goodbye', async () => {
    const session = startChat('zhangsan');
    session.input.write('/quit\n/help\n/leads\n');
    // The input is never ended: only /quit can end this chat.
    const ended = await Promise.race([
      session.done.then(() => 'ended'),
      new Promise((resolve) => setTimeout(() => resolve('still running'), 5_000)),
    ]);
    expect(ended).toBe('ended');
    expect(session.text()).toContain('再见。');
    expect(session.text()).not.toContain('我能做什么');
    expect(session.text()).not.toContain('今日线索');
    session.input.end();
  });

  it('the end of input ends the chat and says goodbye', async () => {
    const text = await chat(['/help']);
    expect(text).toContain('我能做什么');
    expect(text.trimEnd().endsWith('再见。')).toBe(true);
  });
});

describe('pasting a company page in the console chat', () => {
  const page = readFileSync(new URL('../fixtures/paste/qichacha.txt', import.meta.url), 'utf8');
  // What a terminal in bracketed-paste mode sends for a paste: the text between ESC[200~ and ESC[201~.
  const pasted = (text: string) => `\u001b[200~${text.replace(/\n$/, '')}\u001b[201~\n`;

  it('turns bracketed-paste mode on in a terminal, and off again at the end', async () => {
    const text = await chat(['/quit']);
    expect(text.startsWith('\u001b[?2004h') || text.includes('\u001b[?2004h')).toBe(true);
    expect(text.indexOf('\u001b[?2004l')).toBeGreaterThan(text.indexOf('\u001b[?2004h'));
  });

  it('reads a page pasted after /lead paste as one message: shows what it found, asks only for what is missing, and saves it', async () => {
    f.clock.set('2026-12-01T10:00:00+08:00');
    const session = startChat('zhangsan');
    session.input.write(`/lead paste ${pasted(page)}`);
    await vi.waitFor(() => expect(session.text()).toContain('联系人（未找到）'), { timeout: 5000 });
    const shown = session.text();
    // The findings come before the form: the company, and the legal representative said, not taken as contact.
    expect(shown).toContain('公司名称（已读出）: 上海华信精密机械有限公司');
    expect(shown).toContain('法定代表人：张建国');
    expect(shown).not.toContain('未知命令');
    // The contact (the legal representative, because the person says so) and the region (1: 华东).
    session.input.write('张建国\n1\n/quit\n');
    session.input.end();
    await session.done;
    expect(session.text()).toContain('线索已保存');
    const saved = await f.database.db.selectFrom('companies').select(['owner_id', 'credit_code', 'source', 'region']).where('name', '=', '上海华信精密机械有限公司').execute();
    expect(saved).toEqual([{ owner_id: 'zhangsan', credit_code: '91310115MA1K3YJ12G', source: '企查查', region: '华东' }]);
  });

});
