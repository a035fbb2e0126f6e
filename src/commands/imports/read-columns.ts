import type { LeadKey } from '../leads/lead-keys.ts';

/** The lead fields a column can fill: the company (the words of `/lead`) and its keys. */
export type LeadColumn = 'company' | Extract<LeadKey, 'contact' | 'phone' | 'email' | 'size' | 'position' | 'region' | 'code' | 'source'>;

/**
 * Column headers as 企查查, 天眼查, 爱企查 and the 国家企业信用信息公示系统 export
 * them, our own `/lead` keys, and English equivalents; compared without
 * case, spaces, brackets' width or a trailing "(必填)". Within a field the
 * first listed wins when a file has several (人员规模 before 参保人数; a
 * second phone column only when the first is empty in that row).
 * 法定代表人 is not among them: a legal representative is not taken as the
 * contact (rename the column 联系人 when that person is the contact).
 * 所属行业, 注册地址, 经营范围 and the rest have no lead field and are ignored.
 */
export const COLUMN_NAMES: Record<LeadColumn, readonly string[]> = {
  company: ['企业名称', '公司名称', '公司', '客户名称', '单位名称', '名称', 'company', 'companyname', 'name', 'enterprisename', 'organization'],
  contact: ['联系人', '联系人姓名', '姓名', 'contact', 'contactname', 'contactperson'],
  phone: ['电话', '联系电话', '手机', '手机号', '手机号码', '电话号码', '企业电话', '更多电话', 'phone', 'tel', 'telephone', 'mobile', 'phonenumber'],
  email: ['邮箱', '电子邮箱', '邮件', '电子邮件', '企业邮箱', '更多邮箱', 'email', 'e-mail', 'mail', 'emailaddress'],
  size: ['人员规模', '规模', '员工人数', '企业规模', '参保人数', 'size', 'staffsize', 'companysize', 'employees', 'insuredemployees', 'numberofemployees'],
  position: ['行业地位', '地位', '市场地位', 'position', 'industryposition', 'marketposition'],
  region: ['区域', '大区', '所属区域', 'region', 'salesregion'],
  code: ['统一社会信用代码', '信用代码', '社会信用代码', 'code', 'creditcode', 'unifiedsocialcreditcode', 'uscc'],
  source: ['来源', '线索来源', 'source', 'leadsource'],
};

const FIELDS = Object.keys(COLUMN_NAMES) as LeadColumn[];

/** 人员规模（人）, "Company Name", 'E-mail*' → the form COLUMN_NAMES lists. */
export function headerKey(header: string): string {
  return header
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[(（][^)）]*[)）]|\*/gu, '')
    .replace(/[\s_]+/gu, '');
}

/** Each field's columns in the file, best first; `null` when no column names a company. */
export function mapColumns(header: readonly string[]): Map<LeadColumn, number[]> | null {
  const keys = header.map(headerKey);
  const map = new Map<LeadColumn, number[]>();
  for (const field of FIELDS) {
    const columns = COLUMN_NAMES[field].flatMap((name) => keys.flatMap((k, i) => (k === name ? [i] : [])));
    if (columns.length) map.set(field, [...new Set(columns)]);
  }
  return map.has('company') ? map : null;
}

/** A cell may hold several phones or e-mails (企查查: "138…；021-…"): the first is the lead's. */
export const firstOfMany = (cell: string): string => cell.split(/[;；,，、\n]+/u).map((s) => s.trim()).find(Boolean) ?? '';
