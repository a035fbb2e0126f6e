import { describe, expect, it } from 'vitest';
import { renderCard } from '../../adapters/feishu/card.ts';
import { formModal, submittedValues } from '../../adapters/slack/modal.ts';
import { formFields } from '../../src/commands/registry.ts';
import { translator } from '../../src/i18n/translate.ts';
import { formView } from '../../src/views/form-view.ts';
import type { FormView } from '../../src/views/view.ts';
import { manifestApp } from '../fakes/slack-api.ts';
import { checkCard } from '../fakes/feishu-card-rules.ts';
import { checkView } from '../fakes/slack-rules.ts';

const t = translator('zh-CN');
const people = [
  { id: 'zhangsan', name: '张三', slackId: 'U01ZHANGSAN', feishuId: 'ou_zhangsan' },
  { id: 'zhouba', name: '周八', slackId: 'U01ZHOUBA', feishuId: 'ou_zhouba' },
  { id: 'nobody', name: '无平台', slackId: null, feishuId: null },
];
const companies = ['南京钟山仪器有限公司', '杭州西湖软件有限公司'];
const formOf = (name: 'delegate' | 'client' | 'expense', values: Record<string, string> = {}): FormView =>
  formView(t, name, formFields(name), { regions: [], people, companies }, values).form!;
const field = (form: FormView, key: string) => form.fields.find((f) => f.key === key)!;

describe('the pickers of a form (issue 14)', () => {
  it('declares dates, people and companies as such, the people with their platform ids and the companies by name', () => {
    const delegate = formOf('delegate');
    expect(delegate.fields.map((f) => f.kind)).toEqual(['person', 'date']);
    expect(field(delegate, 'id').options).toContainEqual({ value: 'zhouba', label: '周八', platformIds: { slack: 'U01ZHOUBA', feishu: 'ou_zhouba' } });
    const client = formOf('client');
    expect(client.fields.map((f) => f.kind)).toEqual(['company', 'text', 'choice', 'multiline', 'person']);
    expect(field(client, 'company').options?.map((o) => o.value)).toEqual(companies);
    expect(field(client, 'grade').options?.map((o) => o.value)).toEqual(['A', 'B', 'C']);
    expect(field(formOf('expense'), 'date').kind).toBe('date');
  });

  it('lays them out in a Slack modal as a datepicker, a users_select and an external_select that Slack accepts', () => {
    const delegate = formModal(formOf('delegate', { id: '@zhouba', until: '2026-11-30' }), { channel: null });
    expect(delegate.blocks.map((b: any) => b.element)).toEqual([
      { type: 'users_select', action_id: 'value', initial_user: 'U01ZHOUBA' },
      { type: 'datepicker', action_id: 'value', initial_date: '2026-11-30' },
    ]);
    const client = formModal(formOf('client', { company: companies[0]! }), { channel: null });
    expect((client.blocks[0] as any).element).toEqual({
      type: 'external_select',
      action_id: 'company',
      min_query_length: 0,
      initial_option: { text: { type: 'plain_text', text: companies[0] }, value: companies[0] },
    });
    expect(checkView(delegate, 'views.open', manifestApp())).toBeNull();
    expect(checkView(client, 'views.open', manifestApp())).toBeNull();
  });

  it('shows a date typed otherwise than YYYY-MM-DD again as no date, which Slack and Feishu would refuse as an initial one', () => {
    const form = formOf('delegate', { until: '下周五' });
    expect((formModal(form, { channel: null }).blocks[1] as any).element).toEqual({ type: 'datepicker', action_id: 'value' });
    const card = renderCard({ tone: 'info', blocks: [], form }, t);
    expect(JSON.stringify(card)).not.toContain('下周五');
    expect(checkCard(card)).toBeNull();
  });

  it('reads a submitted Slack modal: the date as YYYY-MM-DD, the person as the Slack user, the company by name', () => {
    const state = {
      company: { company: { selected_option: { value: companies[0]! } } },
      manager: { value: { selected_user: 'U01ZHOUBA' } },
      until: { value: { selected_date: '2026-11-30' } },
      note: { value: { value: null } },
    };
    expect(submittedValues(state)).toEqual({ values: { company: companies[0], manager: undefined, until: '2026-11-30', note: undefined }, users: { manager: 'U01ZHOUBA' } });
  });

  it('lays them out in a Feishu form card as a date_picker, a select_person over open_ids and a select of the companies, which Feishu accepts', () => {
    const card = renderCard({ tone: 'info', blocks: [], form: formOf('delegate', { id: '@zhouba', until: '2026-11-30' }) }, t) as any;
    const [person, date, submit] = card.body.elements[0].elements;
    expect(person).toMatchObject({ tag: 'select_person', name: 'id', required: true, options: [{ value: 'ou_zhangsan' }, { value: 'ou_zhouba' }], initial_option: 'ou_zhouba' });
    expect(date).toMatchObject({ tag: 'date_picker', name: 'until', required: true, initial_date: '2026-11-30' });
    expect(submit.behaviors[0].value).toEqual({ form: 'delegate', people: ['id'], dates: ['until'] });
    expect(checkCard(card)).toBeNull();
    const client = renderCard({ tone: 'info', blocks: [], form: formOf('client') }, t) as any;
    expect(client.body.elements[0].elements[0]).toMatchObject({ tag: 'select_static', name: 'company', options: companies.map((c) => ({ text: { tag: 'plain_text', content: c }, value: c })) });
    expect(checkCard(client)).toBeNull();
  });
});
