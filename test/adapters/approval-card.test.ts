import { describe, expect, it } from 'vitest';
import { renderText } from '../../adapters/console/render-text.ts';
import { renderCard } from '../../adapters/feishu/card.ts';
import { renderBlocks } from '../../adapters/slack/block-kit.ts';
import type { Notice } from '../../src/core/notices.ts';
import { translator } from '../../src/i18n/translate.ts';
import { noticeView } from '../../src/views/notice-view.ts';
import { cardText } from '../contract/feishu-driver.ts';
import { blockText } from '../contract/slack-driver.ts';

const card: Notice = {
  kind: 'approval_requested',
  requestId: 6,
  approvalKind: 'expense',
  subject: '展位 6',
  amountFen: 9_000_00,
  event: '2026上海车展',
  requester: '赵六',
  overBenchmark: true,
  eventTotalFen: 54_000_00,
  benchmarkFen: 35_000_00,
};

/** The approver's card as each platform shows it. */
const everywhere = (locale: 'zh-CN' | 'en', notice: Notice) => {
  const t = translator(locale);
  const view = noticeView(t, locale, notice);
  return { slack: blockText(renderBlocks(view, t).blocks), feishu: cardText(renderCard(view, t)), console: renderText(view) };
};

describe("the approver's card above the benchmark (EXP-1)", () => {
  it.each(['slack', 'feishu', 'console'] as const)('says so in words on %s, with the event total, in both languages', (platform) => {
    expect(everywhere('zh-CN', card)[platform]).toContain('活动「2026上海车展」累计 ¥5.4万（含本次），超过单场活动基准 ¥3.5万');
    expect(everywhere('en', card)[platform]).toContain('The event "2026上海车展" totals ¥54,000 with this request, above the benchmark cost per event, ¥35,000');
  });

  it('says a request without an event is above the benchmark on its own amount, and says nothing when it is not', () => {
    const alone = everywhere('zh-CN', { ...card, event: null, eventTotalFen: null, amountFen: 40_000_00 });
    expect(alone.slack).toContain('超过单场活动基准 ¥3.5万');
    expect(alone.slack).not.toContain('累计');
    expect(everywhere('zh-CN', { ...card, overBenchmark: false, eventTotalFen: 9_000_00 }).feishu).not.toContain('基准');
  });
});
