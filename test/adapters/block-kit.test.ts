import { describe, expect, it } from 'vitest';
import { escapeMrkdwn, LIMITS, renderBlocks } from '../../adapters/slack/block-kit.ts';
import { translator } from '../../src/i18n/translate.ts';
import type { View } from '../../src/views/view.ts';

const t = translator('zh-CN');
const sizes = (blocks: any[]) => blocks.flatMap((b) => [b.text?.text, ...(b.fields ?? []).map((x: any) => x.text)]).filter(Boolean).map((s: string) => [...s].length);

describe('Block Kit rendering within Slack limits', () => {
  it('lays out a title, fields, a progress bar, a list, a note and buttons', () => {
    const view: View = {
      tone: 'success',
      title: '线索已保存',
      blocks: [
        { type: 'fields', fields: [{ label: '等级', value: 'A' }] },
        { type: 'progress', label: '今日进度 3/5', current: 3, target: 5 },
        { type: 'list', items: ['甲', '乙'] },
        { type: 'note', text: '备注' },
        { type: 'actions', buttons: [{ label: '查看', command: '/leads', style: 'primary' }] },
      ],
    };
    const { blocks, text } = renderBlocks(view, t);
    expect(blocks.map((b) => b.type)).toEqual(['header', 'section', 'section', 'section', 'context', 'actions']);
    expect(JSON.stringify(blocks)).toContain('■■■□□');
    expect((blocks[5] as any).elements[0]).toMatchObject({ style: 'primary', value: '/leads', action_id: 'run:0' });
    expect(text).toBe('线索已保存 — 备注');
  });

  it('pages a long list into sections of at most 3,000 characters and never exceeds 50 blocks', () => {
    const items = Array.from({ length: 10000 }, (_, i) => `第 ${i} 家公司，名称很长很长很长很长很长`);
    const { blocks } = renderBlocks({ tone: 'info', title: '本周线索', blocks: [{ type: 'list', items }] }, t);
    expect(blocks.length).toBe(LIMITS.messageBlocks);
    expect(Math.max(...sizes(blocks))).toBeLessThanOrEqual(LIMITS.text);
    expect(JSON.stringify(blocks.at(-1))).toContain('项未显示');
  });

  it('allows 100 blocks on the Home tab', () => {
    const manyNotes: View = { tone: 'info', blocks: Array.from({ length: 150 }, (_, i) => ({ type: 'note' as const, text: `n${i}` })) };
    expect(renderBlocks(manyNotes, t, LIMITS.surfaceBlocks).blocks).toHaveLength(100);
  });

  it('cuts a text over 3,000 characters, a header over 150 and a button label over 75', () => {
    const { blocks } = renderBlocks(
      { tone: 'info', title: '题'.repeat(400), blocks: [{ type: 'text', text: '字'.repeat(9000) }, { type: 'actions', buttons: [{ label: '按'.repeat(200), command: '/help' }] }] },
      t,
    );
    expect([...(blocks[0] as any).text.text].length).toBeLessThanOrEqual(LIMITS.header);
    expect(Math.max(...sizes(blocks.slice(1)))).toBeLessThanOrEqual(LIMITS.text);
    expect([...(blocks.at(-1) as any).elements[0].text.text].length).toBeLessThanOrEqual(LIMITS.buttonText);
  });

  it('puts at most 10 fields in a section and 25 buttons in an actions block', () => {
    const { blocks } = renderBlocks(
      {
        tone: 'info',
        blocks: [
          { type: 'fields', fields: Array.from({ length: 23 }, (_, i) => ({ label: `l${i}`, value: 'v' })) },
          { type: 'actions', buttons: Array.from({ length: 30 }, (_, i) => ({ label: `b${i}`, command: `/x ${i}` })) },
        ],
      },
      t,
    );
    expect(blocks.filter((b) => b.type === 'section').map((b: any) => b.fields.length)).toEqual([10, 10, 3]);
    expect(blocks.filter((b) => b.type === 'actions').map((b: any) => b.elements.length)).toEqual([25, 5]);
    expect(new Set(blocks.flatMap((b: any) => (b.type === 'actions' ? b.elements.map((e: any) => e.action_id) : []))).size).toBe(30);
  });

  it('escapes &, < and > so typed text is never markup', () => {
    expect(escapeMrkdwn('<@U1> & <!here>')).toBe('&lt;@U1&gt; &amp; &lt;!here&gt;');
  });
});
