/**
 * Every sentence the bot says, in Simplified Chinese: the first language and
 * the source of the message keys. `{name}` marks a parameter.
 */
export const zhCN = {
  // Refusals of the policy core
  'refusal.not_in_directory': '你不在本部门的人员目录中，机器人不能为你记录任何内容。如需开通，请联系管理员。',
  'refusal.not_allowed': '你的岗位（{role}）不能执行这个操作。',
  'refusal.not_client_insider': '只有「{company}」的负责人 {owner}、其上级经理和专属客户经理可以这样做。',
  'refusal.managers_only': '只有负责人的上级经理可以调整客户等级或指派客户经理。',
  'refusal.company_too_long': '公司名称太长（{length} 个字），最多 {max} 个字。',
  'refusal.unknown_region': '没有「{region}」这个区域。可用区域：{regions}。',
  'refusal.wrong_region': '不能跨区域认领：这家公司属于「{region}」区域，请联系该区域经理 {manager}（LEAD-3 防止跨区域窜货）。',
  'refusal.company_owned': '「{company}」已由 {owner}（{region}）跟进，不能重复录入（LEAD-2 一家公司一个负责人）。',
  'refusal.contact_owned': '这个电话或邮箱已登记在另一家客户名下，由 {owner}（{region}）跟进，不能重复录入；如有疑问请联系 {owner}。',
  'refusal.client_not_found': '没有找到客户「{company}」。请检查名称，或先用 /线索 录入。',
  'refusal.reason_required': '调整客户等级需要写明原因，例如：原因:需求潜力大。',
  'refusal.person_not_found': '人员目录中没有 @{person}。',
  'refusal.not_account_manager': '{person} 不是专属客户经理岗位，不能指派为客户经理（CLI-2）。',

  // Problems with what was typed
  'input.message_too_long': '消息太长（{length} 个字），一条命令最多 {max} 个字。',
  'input.unknown_command': '不认识命令「{word}」。输入 /帮助 查看可用命令。',
  'input.unknown_key': '不认识字段「{key}」。这个命令可用的字段：{keys}。',
  'input.duplicate_key': '字段「{key}」写了两次，请只写一次。',
  'input.missing_value': '「{key}:」后面没有内容。',
  'input.missing_field': '缺少{field}。',
  'input.missing_field_or': '缺少{field}或{or}（至少填一项）。',
  'input.too_long': '{field}太长（{length} 个字），最多 {max} 个字。',
  'input.amount_invalid': '{field}「{value}」不是有效金额。可以写：50000、50,000、5万、3.5万元、1.2亿、50k。',
  'input.amount_negative': '{field}不能是负数：「{value}」。',
  'input.amount_too_large': '{field}「{value}」太大了。',
  'input.phone_invalid': '{field}「{value}」不是有效的电话号码。可以写手机 13812345678、+86 138 1234 5678，或座机 021-12345678。',
  'input.email_invalid': '{field}「{value}」不是有效的邮箱，例如 name@example.com。',
  'input.credit_code_invalid': '{field}「{value}」不是有效的 18 位统一社会信用代码。',
  'input.choice_invalid': '{field}「{value}」无效，可选：{options}。',
  'input.person_invalid': '{field}「{value}」无效，请写人员编号，例如 @sunqi。',
  'input.emoji_not_allowed': '{field}里不能有表情符号。',
  'input.control_characters': '消息里有不可见的控制字符，请重新输入。',
  'input.title': '输入有误，未保存任何内容',
  'input.how': '写法：{usage}',

  // Roles (policy.md)
  'role.sales': '销售',
  'role.account_manager': '专属客户经理',
  'role.regional_manager': '区域经理',
  'role.department_manager': '部门经理',
  'role.marketing_reviewer': '市场部审核',
  'role.legal': '法务',
  'role.finance': '财务',
  'role.partner': '外包合作方',
  'role.admin': '管理员',

  // Field names
  'field.company': '公司名称',
  'field.contact': '联系人',
  'field.phone': '电话',
  'field.email': '邮箱',
  'field.size': '公司规模',
  'field.position': '行业地位',
  'field.region': '区域',
  'field.code': '统一社会信用代码',
  'field.source': '来源',
  'field.purchase': '年采购额',
  'field.grade': '等级',
  'field.reason': '原因',
  'field.manager': '客户经理',
  'field.method': '拜访方式',
  'field.note': '备注',
  'field.period': '时间范围',
  'choice.method.onsite': '上门拜访',
  'choice.method.phone': '电话回访',

  // Leads
  'lead.saved.title': '线索已保存',
  'lead.saved.body': '「{company}」（{region}）已记录，由你跟进。',
  'lead.progress': '今日进度 {count}/{target}',
  'lead.progress.no_target': '今天已记录 {count} 家（今天不是工作日，没有线索目标）。',
  'lead.progress.no_role_target': '今天已记录 {count} 家。',
  'lead.celebrate': '🎉 今日目标达成：{target} 家目标企业！',
  'lead.remaining': '还差 {missing} 家完成今日目标。',
  'leads.title.today': '今日线索',
  'leads.title.week': '本周线索（{from} 至 {to}）',
  'leads.empty': '还没有线索。用 /线索 录入一家目标企业。',
  'leads.item': '{date} {company}（{region}）',
  'button.leads_today': '查看今日线索',
  'button.client': '查看客户卡片',
  'button.visit': '记录拜访',

  // Clients
  'client.grade': '等级',
  'client.grade.none': '未分级',
  'client.grade.override': '{grade}（经理调整：{reason}）',
  'client.purchase': '年采购额',
  'client.purchase.none': '未登记',
  'client.owner': '负责人',
  'client.region': '区域',
  'client.account_manager': '专属客户经理',
  'client.account_manager.none': '未指派',
  'client.size': '规模',
  'client.position': '行业地位',
  'client.contact': '联系人',
  'client.phone': '电话',
  'client.email': '邮箱',
  'client.masked': '联系方式已脱敏：仅负责人、其上级和专属客户经理可见完整信息（SEC-1）。',
  'client.last_visit': '上次拜访',
  'client.last_visit.none': '暂无',
  'client.next_visit': '下次回访',
  'client.next_visit.not_customer': '尚未成交，无回访要求',
  'client.next_visit.overdue': '{date}（已逾期）',
  'client.quarter_visits': '本季度拜访（A 类至少 {required} 次）',
  'client.history': '等级记录',
  'client.history.purchase': '{date} 年采购额 {amount} → {grade}（{by}）',
  'client.history.override': '{date} 调整为 {grade}：{reason}（{by}）',
  'visit.saved.title': '拜访已记录',
  'visit.saved.body': '已记录 {date} 对「{company}」的{method}。',

  // Home (Slack App Home, the first screen)
  'home.title': '今日概览 · {name}',
  'home.due.title': '待回访客户',
  'home.due.item': '{company}：下次回访 {date}',
  'home.due.overdue': '{company}：回访已逾期（应于 {date}）',
  'home.due.quarter': '{company}：本季度拜访 {count}/{required}（A 类）',
  'home.due.none': '近 7 天没有到期的回访。',
  'home.hint': '在任意频道输入 /lead 录入线索，或私信我中文命令，例如「线索 …」。',

  // Help
  'help.title': '我能做什么',
  'help.intro': '命令可以用英文或中文，参数写成 字段:内容（「:」或「：」都可以）。',
  'help.lead': '/线索 <公司> 联系人:… 电话:…|邮箱:… 规模:… 行业地位:… [区域:… 信用代码:… 来源:…] —— 录入目标企业（每个工作日 {target} 家）',
  'help.leads': '/今日线索 [今天|本周] —— 今日进度和线索列表',
  'help.client': '/客户 <公司> [年采购额:… 等级:A|B|C 原因:… 客户经理:@编号] —— 客户卡片、分级、指派客户经理',
  'help.visit': '/拜访 <公司> [方式:上门|电话] [备注:…] —— 记录拜访或回访',
  'help.help': '/帮助 [命令] —— 本说明',
  'help.planned': '即将推出：{commands}',
  'help.usage.lead': '/线索 上海华信科技有限公司 联系人:王经理 电话:13812345678 规模:200人 行业地位:区域龙头',
  'help.usage.leads': '/今日线索 本周',
  'help.usage.client': '/客户 上海华信科技 年采购额:600万',
  'help.usage.visit': '/拜访 上海华信科技 方式:电话 备注:确认了需求',
  'planned.body': '「{command}」功能还在建设中，暂时不能使用。输入 /帮助 查看现在可用的命令。',

  // Forms
  'form.lead.title': '录入线索',
  'form.client.title': '查看客户',
  'form.visit.title': '记录拜访',
  'form.submit': '提交',
  'form.cancel': '取消',
  'form.required': '必填',

  // Notices (sent by the bot on its own)
  'notice.account_manager_assigned.title': '新的专属客户',
  'notice.account_manager_assigned.body': '{by} 指派你为「{company}」的专属客户经理（CLI-2）。A 类客户每季度至少拜访 2 次。',
  'console.delivered': '📨 发给 {name}：',

  // Feishu
  'feishu.unsupported_message': '我只能读懂文字消息。发送「帮助」查看我能做什么。',
  'feishu.sent_privately': '结果含客户联系方式，已私信发给你。',
  'toast.done': '已完成',
  'toast.fix_form': '请按提示修改后再提交',

  // Layout
  'view.more': '另有 {count} 项未显示，请缩小范围。',

  // Faults
  'fault.unavailable': '系统暂时不可用，本次操作未保存，请稍后再试。',

  // Console chat
  'console.welcome': '销售管理机器人 · 控制台。你现在是 {name}（{id}，{role}）。输入 /帮助 查看命令，/as <编号> 切换人员，/quit 退出。',
  'console.switched': '已切换为 {name}（{id}，{role}）。',
  'console.unknown_person': '人员目录中没有「{id}」。可用：{ids}',
  'console.choose': '输入编号执行对应按钮：',
  'console.form.intro': '{title}（直接回车跳过选填项，输入 /cancel 取消）',
  'console.form.cancelled': '已取消。',
  'console.form.choices': '可选：{options}',
  'console.bye': '再见。',
  'console.data_key_generated': '已生成数据加密密钥 {path}。请妥善备份：丢失后无法解密客户联系方式。',
} as const;

export type MessageKey = keyof typeof zhCN;
