import { describe, expect, it } from 'vitest';
import { CARD_MAX_BYTES, renderCard, renderHomeCard } from '../../adapters/feishu/card.ts';
import { checkCard } from '../fakes/feishu-card-rules.ts';
import { translator } from '../../src/i18n/translate.ts';
import type { View } from '../../src/views/view.ts';

const t = translator('zh-CN');

describe('Feishu cards (JSON 2.0)', () => {
  it('colour the header by tone and carry a button\'s command back in its callback value', () => {
    const card = renderCard(
      { tone: 'warning', title: '提醒', blocks: [{ type: 'text', text: '<b>不是标记</b>' }, { type: 'actions', buttons: [{ label: '查看', command: '/leads today', style: 'primary' }] }] },
      t,
    ) as any;
    expect(card.schema).toBe('2.0');
    expect(card.header).toEqual({ title: { tag: 'plain_text', content: '提醒' }, template: 'orange' });
    expect(card.body.elements[0].text).toEqual({ tag: 'plain_text', content: '<b>不是标记</b>' });
    expect(card.body.elements[1]).toMatchObject({ tag: 'button', type: 'primary', behaviors: [{ type: 'callback', value: { cmd: '/leads today' } }] });
  });

  it('end the overview with its Refresh button even when the rest has to be cut, and stay within what Feishu accepts', () => {
    const view: View = { tone: 'info', title: '今日概览', blocks: Array.from({ length: 400 }, (_, i) => ({ type: 'text' as const, text: `第 ${i} 家客户待跟进` })) };
    const card = renderHomeCard(view, t) as any;
    expect(checkCard(card)).toBeNull();
    expect(card.body.elements.at(-2).text.content).toMatch(/另有 \d+ 项未显示/);
    expect(card.body.elements.at(-1)).toMatchObject({ tag: 'button', text: { content: '刷新' }, behaviors: [{ type: 'callback', value: { home: 'refresh' } }] });
  });

  it('stay under the size Feishu accepts, saying how much was left out', () => {
    const view: View = { tone: 'info', title: '本周线索', blocks: Array.from({ length: 3000 }, (_, i) => ({ type: 'text' as const, text: `第 ${i} 家公司，名称很长很长很长很长` })) };
    const card = renderCard(view, t) as any;
    expect(Buffer.byteLength(JSON.stringify(card))).toBeLessThanOrEqual(CARD_MAX_BYTES);
    expect(card.body.elements.at(-1).text.content).toMatch(/另有 \d+ 项未显示/);
  });

  it('cut one text too long for a card', () => {
    const card = renderCard({ tone: 'info', blocks: [{ type: 'text', text: '字'.repeat(40_000) }] }, t) as any;
    expect(Buffer.byteLength(JSON.stringify(card))).toBeLessThanOrEqual(CARD_MAX_BYTES);
    expect(card.header).toBeUndefined();
  });
});
