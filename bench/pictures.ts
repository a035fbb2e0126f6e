import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { renderCard, renderHomeCard } from '../adapters/feishu/card.ts';
import { renderBlocks } from '../adapters/slack/block-kit.ts';
import { CHART_HEIGHT, CHART_WIDTH, chartPng, svgToPng } from '../adapters/slack/chart-png.ts';
import { translator } from '../src/i18n/translate.ts';
import type { ChartBlock, View } from '../src/views/view.ts';
import { checkCard } from '../test/fakes/feishu-card-rules.ts';
import { checkMessage } from '../test/fakes/slack-rules.ts';
import { botFixture } from '../test/support/bot-fixture.ts';
import { addCompany, addContract, sampleQuarter } from '../test/support/performance-data.ts';
import { pgliteBackend } from '../test/support/test-database.ts';
import { cardSvg } from './pictures/card-svg.ts';
import { messageSvg } from './pictures/message-svg.ts';

/**
 * `npm run pictures`: the README's pictures of the KPI charts, made by the
 * bot itself. The sample organisation (examples/org.yaml) on an embedded
 * database, a few signed contracts, then `/kpi` as a regional manager and as
 * a salesperson on 26 Nov 2026; each chart of the replies is drawn by the
 * renderer Slack's replies use (adapters/slack/chart-png.ts), and the
 * Feishu card and the Slack message the bot sends are drawn as previews by
 * bench/pictures (our own drawing of the JSON, not a screenshot of either app).
 * Writes docs/images/*.png.
 */
const OUT = fileURLToPath(new URL('../docs/images/', import.meta.url));
const t = translator('zh-CN');

const f = await botFixture(pgliteBackend);
try {
  const db = f.database.db;
  await sampleQuarter(db);
  const sale = async (owner: string, company: string, yuan: number, signedAt: string) =>
    addContract(db, { companyId: await addCompany(db, company, owner, '华东'), ownerId: owner, region: '华东', yuan, signedAt, due: '2026-12-30', newClient: true });
  await sale('zhaoliu', '西格玛机械', 300_000, '2026-10-12T10:00:00+08:00');
  await sale('zhaoliu', '卡帕电气', 400_000, '2026-11-20T10:00:00+08:00');
  await sale('zhangsan', '欧米伽电子', 200_000, '2026-11-10T10:00:00+08:00');
  await sale('zhangsan', '拉姆达仪表', 120_000, '2026-08-18T10:00:00+08:00');
  await sale('sunqi', '伊普西龙材料', 150_000, '2026-11-05T10:00:00+08:00');
  await sale('zhangsan', '泽塔软件', 90_000, '2026-06-09T10:00:00+08:00');

  const team = await f.bot.handleText(f.as('lisi'), '/kpi');
  const mine = await f.bot.handleText(f.as('zhangsan'), '/kpi');
  mkdirSync(OUT, { recursive: true });
  const write = (name: string, png: Buffer) => {
    writeFileSync(`${OUT}${name}`, png);
    console.log(`docs/images/${name}  ${png.byteLength} bytes`);
  };
  const chartsOf = (view: View) => view.blocks.filter((b): b is ChartBlock => b.type === 'chart');
  const [board] = chartsOf(team);
  const [trend] = chartsOf(mine);
  if (!board || !trend) throw new Error(`the /kpi replies carry no chart: ${JSON.stringify([team.blocks.map((b) => b.type), mine.blocks.map((b) => b.type)])}`);
  write('kpi-leaderboard.png', await chartPng(board));
  write('kpi-trend.png', await chartPng(trend));

  // What Feishu is sent, checked by the fake Feishu's rules, then drawn.
  const card = renderCard(team, t);
  const refused = checkCard(card);
  if (refused) throw new Error(`the fake Feishu refuses the card: ${refused.msg}`);
  const pictures = new Map<string, Buffer>();
  for (const chart of chartsOf(team)) pictures.set(chart.title, await chartPng(chart));
  write('feishu-kpi-card.png', svgToPng(cardSvg(card, (e) => ({ png: pictures.get(e.chart_spec?.title?.text) ?? pictures.get(board.title)!, width: CHART_WIDTH, height: CHART_HEIGHT }))));

  const message = renderBlocks(team, t);
  const problem = checkMessage(message);
  if (problem) throw new Error(`the fake Slack refuses the message: ${problem.why}`);
  write('slack-kpi-message.png', svgToPng(messageSvg('Policy Bot', message.blocks, [{ title: board.title, png: await chartPng(board), width: CHART_WIDTH, height: CHART_HEIGHT }])));

  // The overview a manager gets from the bot menu or by opening the chat (Feishu's home), with its Refresh button.
  const home = renderHomeCard(await f.bot.home(f.as('lisi')), t);
  const homeRefused = checkCard(home);
  if (homeRefused) throw new Error(`the fake Feishu refuses the overview card: ${homeRefused.msg}`);
  write('feishu-home-card.png', svgToPng(cardSvg(home, () => ({ png: Buffer.alloc(0), width: 1, height: 1 }))));
} finally {
  await f.close();
}
