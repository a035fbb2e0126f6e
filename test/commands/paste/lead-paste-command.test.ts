import { describe, expect, it } from 'vitest';
import { parseCommand } from '../../../src/commands/registry.ts';
import { parsePolicyFile } from '../../../src/config/policy-file.ts';
import { regionOfPlace } from '../../../src/core/leads/region-by-place.ts';
import { DEFAULT_POLICY } from '../../../src/core/policy.ts';

const PAGE = '企业名称：上海华信精密机械有限公司\n统一社会信用代码：91310115MA1K3YJ12G\n电话：021-58881234';
const ctx = { today: '2026-11-26' };

describe('/lead paste in the grammar', () => {
  it.each([
    ['/lead paste', `/lead paste\n${PAGE}`],
    ['/线索 粘贴', `/线索 粘贴\n${PAGE}`],
    ['线索 粘贴 on one line', `线索 粘贴 ${PAGE}`],
    ['/LEAD PASTE', `/LEAD PASTE ${PAGE}`],
    ['the full-width slash', `／线索 粘贴\n${PAGE}`],
  ])('reads %s with its lines and its own label：value pairs, not as keys', (_, text) => {
    const parsed = parseCommand(text, ctx);
    expect(parsed).toMatchObject({ ok: true, value: { kind: 'lead_paste', pasted: { company: '上海华信精密机械有限公司', creditCode: '91310115MA1K3YJ12G', phones: ['+86-21-58881234'] } } });
  });

  it('reads a page longer than a command (2,000 characters) up to 10,000, and refuses beyond', () => {
    const long = `${PAGE}\n经营范围：${'技术开发。'.repeat(1000)}`;
    expect(parseCommand(`/lead paste\n${long}`, ctx)).toMatchObject({ ok: true, value: { kind: 'lead_paste' } });
    expect(parseCommand(`/lead paste\n${long}${'。'.repeat(5000)}`, ctx)).toEqual({ ok: false, issues: [{ code: 'message_too_long', field: 'paste', details: { max: 10_000, length: [...long].length + 5001 } }] });
  });

  it('asks for the text when the verb comes alone', () => {
    expect(parseCommand('/线索 粘贴', ctx)).toEqual({ ok: false, issues: [{ code: 'missing_field', field: 'paste', details: {} }] });
  });

  it('leaves /lead <company> … to the grammar as before, even for a company called Paste Ltd', () => {
    expect(parseCommand('/lead 上海华信科技有限公司 contact:王经理 phone:13812345678 size:200人 position:区域龙头', ctx)).toMatchObject({ ok: true, value: { kind: 'lead' } });
    expect(parseCommand('/lead Paste-Works Ltd contact:Wang phone:13812345678 size:20 position:new', ctx)).toMatchObject({ ok: true, value: { kind: 'lead' } });
  });

  it('answers a company page pasted alone (no command word) as /lead paste, and anything else as before', () => {
    expect(parseCommand(PAGE, ctx)).toMatchObject({ ok: true, value: { kind: 'lead_paste' } });
    expect(parseCommand('苏州博远新材料股份有限公司\n陈思远\n手机：13812345678', ctx)).toMatchObject({ ok: true, value: { kind: 'lead_paste', pasted: { contact: '陈思远' } } });
    expect(parseCommand('你好，线索怎么录？', ctx)).toMatchObject({ ok: false, issues: [{ code: 'unknown_command' }] });
    // A company name alone, with no phone, e-mail or credit code, is no page.
    expect(parseCommand('上海华信精密机械有限公司', ctx)).toMatchObject({ ok: false, issues: [{ code: 'unknown_command' }] });
    // A command keeps its meaning even when its text holds a credit code.
    expect(parseCommand('/client 上海华信精密机械有限公司', ctx)).toMatchObject({ ok: true, value: { kind: 'client' } });
  });
});

describe('leads.region_by_place in the policy file', () => {
  it('is empty by default, so no region is pre-filled', () => {
    expect(DEFAULT_POLICY.leads.regionByPlace).toEqual({});
    expect(regionOfPlace(DEFAULT_POLICY, ['上海市浦东新区'])).toBeNull();
  });

  it('maps the places the company writes, Chinese or English, the longest place first', () => {
    const policy = parsePolicyFile('leads:\n  region_by_place:\n    上海: 华东\n    浦东新区: 浦东区\n    广东: 华南\n    Shanghai: 华东\n', 'policy.yaml');
    expect(policy.leads.regionByPlace).toEqual({ 上海: '华东', 浦东新区: '浦东区', 广东: '华南', Shanghai: '华东' });
    expect(policy.leads.dailyTarget).toBe(5);
    expect(regionOfPlace(policy, [null, '广东省深圳市'])).toEqual({ place: '广东', region: '华南' });
    expect(regionOfPlace(policy, ['上海市浦东新区张江路'])).toEqual({ place: '浦东新区', region: '浦东区' });
    expect(regionOfPlace(policy, ['Room 1203, Pudong, SHANGHAI'])).toEqual({ place: 'Shanghai', region: '华东' });
  });

  it('refuses a value that is no mapping of places to regions, naming the key', () => {
    expect(() => parsePolicyFile('leads:\n  region_by_place: 华东\n', 'policy.yaml')).toThrow('leads.region_by_place: must be a mapping of places to regions, each a text (place: region), got "华东"');
    expect(() => parsePolicyFile('leads:\n  region_by_place:\n    上海: 3\n', 'policy.yaml')).toThrow('leads.region_by_place');
  });
});
