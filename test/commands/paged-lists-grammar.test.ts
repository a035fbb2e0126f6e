import { describe, expect, it } from 'vitest';
import { command, issues } from '../support/parse.ts';

const ctx = { today: '2026-11-26' };

describe('the page of /leads and /kpi team, in English and Chinese', () => {
  it.each([
    ['/leads week page:2', 'week', 2],
    ['/今日线索 本周 页:3', 'week', 3],
    ['线索列表 今天 页码：4', 'today', 4],
    ['/leads page:2', 'today', 2],
  ])('"%s" reads the period and the page', (text, period, page) => {
    expect(command(text)).toEqual({ kind: 'leads', period, page });
  });

  it('leaves the page out of /leads week without one', () => {
    expect(command('/leads week')).toEqual({ kind: 'leads', period: 'week' });
  });

  it.each([
    ['/kpi team page:2', { scope: 'team', region: null, quarter: null }, 2],
    ['/业绩 团队 区域:华东 页:3', { scope: 'team', region: '华东', quarter: null }, 3],
    // What the Next button of /kpi team sends back.
    ['/kpi team region:华东 quarter:2026Q4 page:2', { scope: 'team', region: '华东', quarter: '2026Q4' }, 2],
  ])('"%s" reads the team and the page', (text, query, page) => {
    expect(command(text, ctx)).toEqual({ kind: 'performance', input: { action: 'kpi', query, page } });
  });

  it.each(['/leads week page:0', '/今日线索 本周 页:二', '/kpi team page:-1', '/业绩 团队 页:1.5'])('"%s" names the page as the field that is wrong', (text) => {
    expect(issues(text, ctx).map((i) => [i.code, i.field])).toEqual([['choice_invalid', 'page']]);
  });

  it('refuses a page for one person\'s figures, naming the key', () => {
    expect(issues('/kpi @zhangsan page:2', ctx).map((i) => [i.code, i.details?.key])).toEqual([['unknown_key', 'page']]);
  });
});
