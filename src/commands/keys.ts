/**
 * Every `key:value` key with its English and Chinese spellings. The first
 * spelling of each language is the one shown in help and forms.
 */
export const KEY_ALIASES = {
  company: ['company', '公司'],
  contact: ['contact', 'name', '联系人'],
  phone: ['phone', 'tel', 'mobile', '电话', '手机'],
  email: ['email', 'mail', '邮箱', '电子邮件'],
  size: ['size', '规模'],
  position: ['position', '行业地位', '地位'],
  region: ['region', '区域', '地区'],
  code: ['code', '信用代码', '统一社会信用代码'],
  source: ['source', '来源'],
  purchase: ['purchase', '年采购额', '采购额'],
  grade: ['grade', '等级'],
  reason: ['reason', '原因', '理由'],
  manager: ['manager', '客户经理'],
  // CLI-1: the confirmation card's buttons, naming the pending change.
  confirm_grade: ['confirm', '确认等级'],
  keep_grade: ['keep', '保留原等级'],
  method: ['method', '方式', '付款方式'],
  note: ['note', '备注'],
  amount: ['amount', '金额'],
  purpose: ['purpose', '用途'],
  event: ['event', '活动'],
  date: ['date', '日期'],
  subject: ['subject', '名称'],
  product: ['product', '产品'],
  start: ['start', '开始'],
  budget: ['budget', '预算'],
  id: ['id', '编号'],
  until: ['until', '截止', '到'],
  page: ['page', '页', '页码'],
  // ── deals ──
  deal_id: ['deal_id', '商机编号'],
  q1: ['q1', '问题1'],
  q2: ['q2', '问题2'],
  q3: ['q3', '问题3'],
  q4: ['q4', '问题4'],
  q5: ['q5', '问题5'],
  q6: ['q6', '问题6'],
  q7: ['q7', '问题7'],
  q8: ['q8', '问题8'],
  q9: ['q9', '问题9'],
  q10: ['q10', '问题10'],
  products: ['products', '产品组合'],
  pricing: ['pricing', '价格策略'],
  service: ['service', '服务承诺'],

  // ── contracts and payments ──
  delivery: ['delivery', '交付', '交付时间', '交付日期'],
  term: ['term', '账期'],
  penalty: ['penalty', '违约金', '违约赔付比例'],
  sign: ['sign', '签署', '签署方式'],
  contract_id: ['contract_id', '合同编号'],

  // ── tickets ──
  problem: ['problem', 'issue', '问题', '故障'],
  response: ['response', 'reply', '回复内容'],
  ticket: ['ticket', '工单编号', '工单号'],

  // ── performance ──
  quarter: ['quarter', '季度'],
  month: ['month', '月份'],
  sales: ['sales', '销售额', '销售目标'],
  clients: ['clients', '新客户', '新客户数'],
  text: ['text', '内容'],
} as const;

export type KeyName = keyof typeof KEY_ALIASES;

const BY_ALIAS = new Map<string, KeyName>(
  Object.entries(KEY_ALIASES).flatMap(([key, aliases]) => aliases.map((a) => [a.toLowerCase(), key as KeyName])),
);

export const keyByAlias = (alias: string): KeyName | undefined => BY_ALIAS.get(alias.toLowerCase());
