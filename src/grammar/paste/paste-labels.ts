/**
 * The labels company-information sites (企查查, 天眼查, 爱企查, 国家企业信用信息公示系统),
 * business cards and e-mail signatures put before a value, by the field they
 * name. Within a field the first spelling is the one preferred when a page
 * has several (人员规模 over 参保人数). Matching ignores case; longer
 * spellings are tried first, so 统一社会信用代码 is not read as 信用代码.
 */
export const PASTE_LABELS = {
  company: ['企业名称', '公司名称', '单位名称', '名称', 'company name', 'company', '公司'],
  code: ['统一社会信用代码', '社会信用代码', '信用代码', 'unified social credit code', 'credit code', 'uscc'],
  legalRepresentative: ['法定代表人', '法人代表', '法人', '经营者', '执行事务合伙人', '负责人', 'legal representative'],
  contact: ['联系人', '联系人姓名', '姓名', 'contact person', 'contact', 'name'],
  title: ['职务', '职位', 'title'],
  phone: ['联系电话', '企业电话', '电话号码', '电话', '手机号码', '手机号', '手机', '座机', '固话', 'telephone', 'tel', 'phone', 'mobile', 'mob', 'cell', 'm', 't'],
  email: ['电子邮箱', '邮箱', '电子邮件', '邮件', 'e-mail', 'email', 'mail', 'e'],
  size: ['人员规模', '公司规模', '企业规模', '员工人数', '从业人数', '参保人数', '规模', 'company size', 'staff size', 'employees', 'size'],
  industry: ['所属行业', '国标行业', '行业分类', '行业', 'industry'],
  address: ['注册地址', '企业地址', '办公地址', '通信地址', '通讯地址', '住所', '经营场所', '地址', 'registered address', 'address', 'addr', 'add'],
  place: ['所属地区', '所属地', '所在地区', '地区', 'region'],
  scope: ['经营范围', 'business scope'],
  /**
   * Labels whose values are read by no field, known only so that their
   * values do not run into the field before them (注册资本 after 法定代表人).
   */
  other: [
    '注册资本', '实缴资本', '成立日期', '成立时间', '登记状态', '经营状态', '企业状态', '企业类型', '公司类型', '类型', '营业期限自', '营业期限至', '营业期限',
    '登记机关', '核准日期', '发照日期', '官网', '网址', '网站', '传真', '英文名称', '英文名', '曾用名称', '曾用名', '纳税人识别号', '注册号', '工商注册号',
    '组织机构代码', '纳税人资质', '进出口企业代码', '简介', '企业简介', '股东', '主要人员',
    'website', 'web', 'fax', 'f', 'w', 'registered capital', 'established', 'status', 'wechat', '微信',
  ],
} as const;

export type PasteField = keyof typeof PASTE_LABELS;

/**
 * Latin labels that may stand before their value with only a space (`Tel 021-…`):
 * none of them is a common word of a sentence. Chinese labels of two
 * characters or more may always (`法定代表人 张三`); single letters never.
 */
export const SPACED_LATIN_LABELS: readonly string[] = ['tel', 'telephone', 'phone', 'mobile', 'e-mail', 'email', 'fax'];

/** The sites a page may be copied from, as the lead's source when the text names one. */
export const SOURCE_TOOLS = ['国家企业信用信息公示系统', '企查查', '天眼查', '爱企查', '启信宝'] as const;
