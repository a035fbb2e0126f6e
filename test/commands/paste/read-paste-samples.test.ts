import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readPaste, type PastedCompany } from '../../../src/grammar/paste/read-paste.ts';

const sample = (name: string) => readFileSync(new URL(`../../fixtures/paste/${name}.txt`, import.meta.url), 'utf8');

/** Every field empty: what a sample does not have must stay so. */
const NOTHING: PastedCompany = {
  company: null,
  creditCode: null,
  invalidCreditCode: null,
  legalRepresentative: null,
  contact: null,
  phones: [],
  mobiles: [],
  emails: [],
  size: null,
  industry: null,
  address: null,
  place: null,
  scope: null,
  source: null,
};

/** Each sample (written for these tests after the sites' layouts), and every field it has; the rest stay empty. */
const SAMPLES: Record<string, Partial<PastedCompany>> = {
  qichacha: {
    company: '上海华信精密机械有限公司',
    creditCode: '91310115MA1K3YJ12G',
    legalRepresentative: '张建国',
    phones: ['+86-21-58881234'],
    emails: ['sales@huaxin-jx.com'],
    size: '100-499人',
    industry: '通用设备制造业',
    address: '上海市浦东新区张江路88号',
    place: '上海市',
    scope: '精密机械零部件的研发、生产、销售；机械设备维修；从事货物及技术的进出口业务。',
    source: '企查查',
  },
  tianyancha: {
    company: '深圳市云启智能科技有限公司',
    creditCode: '91440300MA5F2B8C39',
    legalRepresentative: '李明',
    phones: ['+86-755-86001234'],
    emails: ['contact@yunqi-ai.cn'],
    size: '50-99人',
    industry: '软件和信息技术服务业',
    address: '深圳市南山区粤海街道高新南七道18号',
    scope: '计算机软硬件的技术开发、销售；人工智能系统集成。',
  },
  aiqicha: {
    company: '杭州青禾农业发展有限公司',
    creditCode: '91330106MA2H4K7L5F',
    legalRepresentative: '王芳',
    phones: ['+8613905718888'],
    mobiles: ['+8613905718888'],
    size: '12',
    industry: '农业',
    address: '浙江省杭州市西湖区文三路100号',
    scope: '一般项目：农业技术开发；农产品销售；花卉种植。',
    source: '爱企查',
  },
  gsxt: {
    company: '北京智联恒通信息技术有限公司',
    creditCode: '91110108MA01R8QW60',
    legalRepresentative: '赵强',
    address: '北京市海淀区中关村大街1号',
    scope: '技术开发、技术咨询、技术服务；软件开发；计算机系统服务。',
    source: '国家企业信用信息公示系统',
  },
  'card-zh': {
    company: '苏州博远新材料股份有限公司',
    contact: '陈思远',
    phones: ['+8613812345678', '+86-512-66889900-808'],
    mobiles: ['+8613812345678'],
    emails: ['chensy@boyuan-nm.com'],
    address: '江苏省苏州市工业园区星湖街328号',
  },
  'signature-zh': {
    company: '成都锦程物流有限公司',
    contact: '刘洋',
    phones: ['+8618608081234', '+86-28-85551234'],
    mobiles: ['+8618608081234'],
    emails: ['liuyang@jincheng-wl.com'],
    address: '四川省成都市武侯区天府大道北段1700号',
  },
  'signature-en': {
    company: 'Shanghai Orient Bright Trading Co., Ltd.',
    contact: 'David Chen',
    phones: ['+86-21-62345678', '+8613916182233'],
    mobiles: ['+8613916182233'],
    emails: ['david.chen@orientbright.com'],
    address: 'Room 1203, No. 88 Century Avenue, Pudong, Shanghai',
  },
  table: {
    company: '无锡海川环保设备有限公司',
    creditCode: '91320594MA1N6P3T77',
    legalRepresentative: '周海',
    contact: '孙丽',
    phones: ['+86-510-82345678'],
    emails: ['sunli@haichuan-ep.com'],
    size: '20-49人',
    industry: '专用设备制造业',
    address: '江苏省无锡市新吴区长江路21号',
  },
};

describe('the paste reader against realistic samples', () => {
  for (const [name, has] of Object.entries(SAMPLES)) {
    it(`reads every field of the ${name} sample and invents none`, () => {
      expect(readPaste(sample(name))).toEqual({ ...NOTHING, ...has });
    });
  }

  it('reads the same page copied with Windows line breaks, full-width spaces and no spaces between labels', () => {
    const squeezed = '企业名称：上海华信精密机械有限公司\r\n法定代表人：张建国注册资本：1000万元\r\n统一社会信用代码：91310115MA1K3YJ12G\u3000电话：021-58881234';
    expect(readPaste(squeezed)).toMatchObject({ company: '上海华信精密机械有限公司', legalRepresentative: '张建国', creditCode: '91310115MA1K3YJ12G', phones: ['+86-21-58881234'] });
  });

  it('does not take a credit code whose check character is wrong, and says which it was', () => {
    const read = readPaste('企业名称：上海华信精密机械有限公司\n统一社会信用代码：91310115MA1K3YJ12H\n电话：021-58881234');
    expect(read.creditCode).toBeNull();
    expect(read.invalidCreditCode).toBe('91310115MA1K3YJ12H');
  });

  it('never takes the legal representative for the contact, but takes a labelled contact', () => {
    expect(readPaste('公司名称：上海华信精密机械有限公司\n法定代表人：张建国\n电话：021-58881234').contact).toBeNull();
    expect(readPaste('公司名称：上海华信精密机械有限公司\n法定代表人：张建国\n联系人：王经理\n电话：021-58881234').contact).toBe('王经理');
    expect(readPaste('Company: Acme Trading Co., Ltd.\nContact: John Smith\nTel: 021-58881234').contact).toBe('John Smith');
  });

  it('takes no digits of another label for a phone: a registration number, a date, a capital', () => {
    const read = readPaste('企业名称：上海华信精密机械有限公司\n注册号：310115000123456\n成立日期：2012-03-15\n注册资本：1000万元\n组织机构代码：05934521-7');
    expect(read.phones).toEqual([]);
  });

  it('reads a masked phone as no phone', () => {
    expect(readPaste('企业名称：上海华信精密机械有限公司\n电话：138****5678').phones).toEqual([]);
  });
});
