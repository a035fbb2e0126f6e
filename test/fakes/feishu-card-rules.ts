/**
 * What Feishu refuses in a card (JSON 2.0), for the fake Open API. From the
 * Feishu open platform's pages "卡片 JSON 2.0 结构", "卡片 JSON 2.0 版本更新说明"
 * (2.0 refuses properties it does not support, where 1.0 ignored them; the
 * `action` and `note` modules are gone; forms are `form` containers whose
 * submit buttons carry `form_action_type`) and "表单容器": a card holds at most
 * 200 components, nested ones counted, and its JSON at most 30 KB.
 *
 * Feishu answers a card it cannot build with HTTP 400 and code 230099
 * ("Failed to create card content, ext=ErrCode: 11310; ErrMsg: …"), and a
 * card over 30 KB with code 230025, as the replies quoted in public bug
 * reports show (e.g. larksuite/openclaw-lark#53, #447).
 */

export interface FeishuRefusal {
  status: 400;
  code: 230099 | 230025;
  msg: string;
}

type Json = Record<string, any>;

export const FEISHU_LIMITS = {
  /** Components in one card, nested ones included. */
  components: 200,
  /** Bytes of the card JSON. */
  bytes: 30 * 1024,
  /** "表格": at most five tables in one card. */
  tables: 5,
  /** "表格": page_size is an integer of [1,10]. */
  tablePageSize: 10,
  /** "表格": at most 50 columns (Feishu hides the rest; the fake refuses them, the stricter reading). */
  tableColumns: 50,
} as const;

const TOP_KEYS = ['schema', 'config', 'card_link', 'header', 'body'];
const CONFIG_KEYS = ['streaming_mode', 'streaming_config', 'summary', 'locales', 'enable_forward', 'update_multi', 'width_mode', 'use_custom_translation', 'enable_forward_interaction', 'style'];
const HEADER_KEYS = ['title', 'subtitle', 'text_tag_list', 'i18n_text_tag_list', 'template', 'icon', 'padding'];
const BODY_KEYS = ['direction', 'padding', 'horizontal_spacing', 'vertical_spacing', 'horizontal_align', 'vertical_align', 'elements'];
const TEXT_KEYS = ['tag', 'content', 'text_size', 'text_color', 'text_align', 'lines', 'i18n_content'];
const LAYOUT = ['direction', 'padding', 'horizontal_spacing', 'vertical_spacing', 'horizontal_align', 'vertical_align'];

/** Properties of each 2.0 component the bot uses; a tag not listed here (1.0's `action`, `note`) is refused. */
const COMPONENT_KEYS: Record<string, string[]> = {
  div: ['tag', 'element_id', 'margin', 'width', 'text', 'icon'],
  markdown: ['tag', 'element_id', 'margin', 'content', 'text_size', 'text_align', 'icon', 'i18n_content'],
  hr: ['tag', 'element_id', 'margin'],
  button: ['tag', 'element_id', 'margin', 'type', 'size', 'width', 'text', 'icon', 'hover_tips', 'disabled', 'disabled_tips', 'confirm', 'behaviors', 'form_action_type', 'name'],
  form: ['tag', 'element_id', 'margin', 'name', 'elements', ...LAYOUT],
  input: ['tag', 'element_id', 'margin', 'name', 'required', 'disabled', 'placeholder', 'default_value', 'width', 'max_length', 'input_type', 'show_icon', 'rows', 'auto_resize', 'max_rows', 'label', 'label_position', 'behaviors', 'confirm'],
  select_static: ['tag', 'element_id', 'margin', 'type', 'name', 'required', 'disabled', 'initial_option', 'initial_index', 'placeholder', 'width', 'options', 'behaviors', 'confirm'],
  // "日期选择器" (JSON 2.0): initial_date is yyyy-MM-dd; without it a placeholder is required.
  date_picker: ['tag', 'element_id', 'margin', 'name', 'required', 'disabled', 'initial_date', 'placeholder', 'width', 'behaviors', 'confirm'],
  // "人员选择-单选" (JSON 2.0): options are `{value: open_id}` only; initial_option is an open_id among them.
  select_person: ['tag', 'element_id', 'margin', 'type', 'name', 'required', 'disabled', 'initial_option', 'placeholder', 'width', 'options', 'behaviors', 'confirm'],
  column_set: ['tag', 'element_id', 'margin', 'horizontal_spacing', 'horizontal_align', 'flex_mode', 'background_style', 'columns'],
  column: ['tag', 'element_id', 'width', 'weight', 'elements', 'background_style', 'padding', 'vertical_spacing', 'horizontal_align', 'vertical_align', 'direction'],
  table: ['tag', 'element_id', 'margin', 'page_size', 'row_height', 'row_max_height', 'freeze_first_column', 'header_style', 'columns', 'rows'],
  chart: ['tag', 'element_id', 'margin', 'aspect_ratio', 'color_theme', 'chart_spec', 'preview', 'height'],
};
const TABLE_HEADER_KEYS = ['text_align', 'text_size', 'background_style', 'text_color', 'bold', 'lines'];
const TABLE_COLUMN_KEYS = ['name', 'display_name', 'width', 'vertical_align', 'horizontal_align', 'data_type', 'format', 'date_format'];
const DATA_TYPES = ['text', 'lark_md', 'options', 'number', 'persons', 'date', 'markdown'];
/** Columns whose cells are text: a cell there is a string. */
const TEXT_TYPES = new Set(['text', 'lark_md', 'markdown']);
/**
 * The chart component ("图表组件", JSON 2.0): a VChart spec in `chart_spec`,
 * plain JSON (Feishu runs no JavaScript in a card), aspect ratios and colour
 * themes from fixed lists, a height `auto` or 1-999 px; at most five charts
 * to a card (Feishu's advice, enforced here so the bot keeps to it).
 */
const CHART_ASPECT_RATIOS = ['1:1', '2:1', '4:3', '16:9'];
const CHART_THEMES = ['brand', 'rainbow', 'complementary', 'converse', 'primary'];
const CHART_TYPES = ['line', 'area', 'bar', 'pie', 'scatter', 'wordCloud', 'funnel', 'radar', 'common', 'rose', 'circularProgress', 'linearProgress', 'gauge', 'histogram', 'sankey', 'treemap', 'heatmap'];
const MAX_CHARTS = 5;

function chartProblem(c: Json, where: string): string | null {
  if (c.aspect_ratio !== undefined && !CHART_ASPECT_RATIOS.includes(c.aspect_ratio)) return `${where}: aspect_ratio must be one of ${CHART_ASPECT_RATIOS.join(', ')}`;
  if (c.color_theme !== undefined && !CHART_THEMES.includes(c.color_theme)) return `${where}: color_theme must be one of ${CHART_THEMES.join(', ')}`;
  if (c.height !== undefined && c.height !== 'auto' && !(/^\d+px$/.test(c.height) && Number.parseInt(c.height, 10) >= 1 && Number.parseInt(c.height, 10) <= 999)) return `${where}: height must be auto or 1-999px`;
  if (c.preview !== undefined && typeof c.preview !== 'boolean') return `${where}: preview must be a boolean`;
  const spec = c.chart_spec;
  if (!spec || typeof spec !== 'object' || Array.isArray(spec)) return `${where}: chart_spec is required and must be an object`;
  if (!CHART_TYPES.includes(spec.type)) return `${where}: chart_spec.type ${spec.type} is not a VChart chart type`;
  const data = Array.isArray(spec.data) ? spec.data : spec.data ? [spec.data] : [];
  if (!data.length || data.some((d: Json) => !Array.isArray(d?.values))) return `${where}: chart_spec.data needs values`;
  // Functions cannot be JSON; a formatter written as code in a string is what Feishu would not run either.
  if (/"(formatMethod|formatter)"\s*:\s*"[^"]*=>/.test(JSON.stringify(spec))) return `${where}: chart_spec may not hold JavaScript`;
  return null;
}
/** Components that take part in a form. */
const FORM_INPUTS = new Set(['input', 'select_static', 'date_picker', 'select_person']);
/** A Feishu open_id: `ou_` and its characters. */
const OPEN_ID = /^ou_[0-9a-z]+$/i;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A real calendar date written yyyy-MM-dd. */
const isCalendarDate = (value: unknown): boolean =>
  typeof value === 'string' && ISO_DATE.test(value) && new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) === value;

/** A select's options: each a plain_text text and a value, no value twice ("同组件内不可重复"). */
function selectOptions(options: unknown, where: string): string | null {
  if (options === undefined) return null;
  if (!Array.isArray(options)) return `${where}.options must be an array`;
  const seen = new Set<string>();
  for (const [i, o] of options.entries()) {
    const bad = o && typeof o === 'object' ? extra(o, ['text', 'value', 'icon']) : 'not an object';
    if (bad) return `${where}.options[${i}] has unsupported property ${bad}`;
    const problem = text(o.text, `${where}.options[${i}].text`);
    if (problem) return problem;
    if (typeof o.value !== 'string' || !o.value) return `${where}.options[${i}].value must be a non-empty string`;
    if (seen.has(o.value)) return `${where}.options[${i}].value ${o.value} repeated`;
    seen.add(o.value);
  }
  return null;
}

const extra = (object: Json, allowed: string[]): string | undefined => Object.keys(object).find((k) => !allowed.includes(k));
const invalid = (why: string): FeishuRefusal => ({ status: 400, code: 230099, msg: `Failed to create card content, ext=ErrCode: 11310; ErrMsg: ${why};` });

/**
 * Components in the body, nested ones too (a form's inputs, a column's
 * contents), counted as every object with a `tag`, text objects included: the
 * stricter reading of Feishu's limit, which public reports of "element
 * exceeds the limit" (300305) refusals bear out for nested cards.
 */
export function componentCount(card: Json): number {
  const walk = (node: unknown): number => {
    if (Array.isArray(node)) return node.reduce((n: number, x) => n + walk(x), 0);
    if (!node || typeof node !== 'object') return 0;
    return (typeof (node as Json).tag === 'string' ? 1 : 0) + Object.values(node as Json).reduce((n: number, x) => n + walk(x), 0);
  };
  return walk(card?.body?.elements);
}

function text(t: unknown, where: string): string | null {
  if (!t || typeof t !== 'object') return `${where} must be a text object`;
  const o = t as Json;
  if (o.tag !== 'plain_text' && o.tag !== 'lark_md') return `${where}.tag must be plain_text or lark_md`;
  const bad = extra(o, TEXT_KEYS);
  return bad ? `${where} has unsupported property ${bad}` : typeof o.content !== 'string' ? `${where}.content must be a string` : null;
}

/** A column's width: auto, [80,600]px or [1,100]%. */
function width(value: unknown): boolean {
  if (value === undefined || value === 'auto') return true;
  const px = /^(\d+)px$/.exec(String(value));
  if (px) return Number(px[1]) >= 80 && Number(px[1]) <= 600;
  const pct = /^(\d+)%$/.exec(String(value));
  return !!pct && Number(pct[1]) >= 1 && Number(pct[1]) <= 100;
}

/** A table component: page_size, header style, 1 to 50 named columns of known types, and rows of cells keyed by those names. */
function table(c: Json, where: string): string | null {
  if (c.page_size !== undefined && (!Number.isInteger(c.page_size) || c.page_size < 1 || c.page_size > FEISHU_LIMITS.tablePageSize)) {
    return `${where}: page_size must be an integer of [1,${FEISHU_LIMITS.tablePageSize}]`;
  }
  if (c.header_style !== undefined) {
    const bad = extra(c.header_style ?? {}, TABLE_HEADER_KEYS);
    if (bad) return `${where}.header_style has unsupported property ${bad}`;
  }
  if (!Array.isArray(c.columns) || c.columns.length < 1) return `${where}: a table needs columns`;
  if (c.columns.length > FEISHU_LIMITS.tableColumns) return `${where}: more than ${FEISHU_LIMITS.tableColumns} columns (${c.columns.length})`;
  const types = new Map<string, string>();
  for (const [i, col] of (c.columns as Json[]).entries()) {
    const at = `${where}.columns[${i}]`;
    const bad = extra(col ?? {}, TABLE_COLUMN_KEYS);
    if (bad) return `${at} has unsupported property ${bad}`;
    if (typeof col.name !== 'string' || !col.name) return `${at}: a column needs a name`;
    if (types.has(col.name)) return `${at}: column name ${col.name} repeated`;
    if (col.display_name !== undefined && typeof col.display_name !== 'string') return `${at}.display_name must be a string`;
    const type = col.data_type ?? 'text';
    if (!DATA_TYPES.includes(type)) return `${at}: data_type ${type} is not one of ${DATA_TYPES.join(', ')}`;
    if (col.horizontal_align !== undefined && !['left', 'center', 'right'].includes(col.horizontal_align)) return `${at}: horizontal_align must be left, center or right`;
    if (col.vertical_align !== undefined && !['top', 'center', 'bottom'].includes(col.vertical_align)) return `${at}: vertical_align must be top, center or bottom`;
    if (!width(col.width)) return `${at}: width must be auto, [80,600]px or [1,100]%`;
    types.set(col.name, type);
  }
  if (!Array.isArray(c.rows)) return `${where}: rows must be an array`;
  for (const [r, row] of (c.rows as unknown[]).entries()) {
    const at = `${where}.rows[${r}]`;
    if (!row || typeof row !== 'object' || Array.isArray(row)) return `${at} must be an object of cells by column name`;
    for (const [key, value] of Object.entries(row as Json)) {
      const type = types.get(key);
      if (!type) return `${at}: ${key} is not a column of the table`;
      if (TEXT_TYPES.has(type) && typeof value !== 'string') return `${at}.${key}: a ${type} cell must be a string`;
      if (type === 'number' && typeof value !== 'number') return `${at}.${key}: a number cell must be a number`;
    }
  }
  return null;
}

interface Walk {
  /** The form a component is in, if any. */
  form: Json | null;
  /** Names used in the current form (each must be unique there). */
  names: Set<string>;
  submits: number;
}

function component(c: Json, where: string, atRoot: boolean, ctx: Walk): string | null {
  const allowed = COMPONENT_KEYS[c?.tag];
  if (!allowed) return `${where}: tag ${c?.tag} is not a card JSON 2.0 component`;
  const bad = extra(c, allowed);
  if (bad) return `${where}: ${c.tag} has unsupported property ${bad}`;
  const named = () => {
    if (typeof c.name !== 'string' || !c.name) return `${where}: a ${c.tag} in a form needs a name`;
    if (ctx.names.has(c.name)) return `${where}: name ${c.name} repeated in the form`;
    ctx.names.add(c.name);
    return null;
  };
  switch (c.tag) {
    case 'div':
      return c.text ? text(c.text, `${where}.text`) : null;
    case 'button': {
      const problem = text(c.text, `${where}.text`);
      if (problem) return problem;
      if (c.form_action_type !== undefined) {
        if (!ctx.form) return `${where}: form_action_type outside a form`;
        if (c.form_action_type !== 'submit' && c.form_action_type !== 'reset') return `${where}: form_action_type must be submit or reset`;
        if (c.form_action_type === 'submit') ctx.submits++;
        return named();
      }
      return null;
    }
    case 'form': {
      if (!atRoot) return `${where}: a form may only sit at the root of the body`;
      if (typeof c.name !== 'string' || !c.name) return `${where}: a form needs a name`;
      const inner: Walk = { form: c, names: new Set(), submits: 0 };
      const problem = children(c.elements, `${where}.elements`, false, inner);
      if (problem) return problem;
      return inner.submits ? null : `${where}: a form needs a button with form_action_type submit`;
    }
    case 'input':
    case 'select_static': {
      if (c.tag === 'input' && c.label) {
        const problem = text(c.label, `${where}.label`);
        if (problem) return problem;
      }
      if (c.placeholder) {
        const problem = text(c.placeholder, `${where}.placeholder`);
        if (problem) return problem;
      }
      if (c.tag === 'select_static') {
        const problem = selectOptions(c.options, where);
        if (problem) return problem;
      }
      if (c.tag === 'select_static' && c.initial_option !== undefined && !(c.options ?? []).some((o: Json) => o.value === c.initial_option)) {
        return `${where}: initial_option is not one of the options`;
      }
      return ctx.form && FORM_INPUTS.has(c.tag) ? named() : null;
    }
    case 'date_picker': {
      if (c.placeholder) {
        const problem = text(c.placeholder, `${where}.placeholder`);
        if (problem) return problem;
      } else if (c.initial_date === undefined) return `${where}: a date_picker without initial_date needs a placeholder`;
      if (c.initial_date !== undefined && !isCalendarDate(c.initial_date)) return `${where}: initial_date must be yyyy-MM-dd (${c.initial_date})`;
      return ctx.form ? named() : null;
    }
    case 'select_person': {
      if (c.placeholder) {
        const problem = text(c.placeholder, `${where}.placeholder`);
        if (problem) return problem;
      }
      const options: unknown = c.options ?? [];
      if (!Array.isArray(options)) return `${where}.options must be an array`;
      for (const [i, o] of options.entries()) {
        const bad = o && typeof o === 'object' ? extra(o, ['value']) : 'not an object';
        if (bad) return `${where}.options[${i}] has unsupported property ${bad}`;
        if (typeof o.value !== 'string' || !OPEN_ID.test(o.value)) return `${where}.options[${i}].value must be an open_id (${o.value})`;
      }
      if (c.initial_option !== undefined && !options.some((o: Json) => o.value === c.initial_option)) return `${where}: initial_option is not one of the options`;
      return ctx.form ? named() : null;
    }
    case 'column_set':
      return children(c.columns, `${where}.columns`, false, ctx);
    case 'column':
      return children(c.elements, `${where}.elements`, false, ctx);
    case 'table':
      // "表格组件不可被内嵌在其它组件内，只可放在卡片根节点下".
      if (!atRoot) return `${where}: a table may only sit at the root of the body`;
      return table(c, where);
    case 'chart':
      return chartProblem(c, where);
    default:
      return null;
  }
}

function children(list: unknown, where: string, atRoot: boolean, ctx: Walk): string | null {
  if (list === undefined) return null;
  if (!Array.isArray(list)) return `${where} must be an array`;
  for (const [i, c] of list.entries()) {
    const problem = component(c, `${where}[${i}]`, atRoot, ctx);
    if (problem) return problem;
  }
  return null;
}

/** Feishu's verdict on a card sent by im/v1/messages (create, reply, patch) or returned from card.action.trigger. */
export function checkCard(card: unknown): FeishuRefusal | null {
  const bytes = Buffer.byteLength(JSON.stringify(card));
  if (bytes > FEISHU_LIMITS.bytes) return { status: 400, code: 230025, msg: `card content exceeds the 30 KB limit (${bytes} bytes)` };
  if (!card || typeof card !== 'object') return invalid('card must be an object');
  const c = card as Json;
  if (c.schema !== '2.0') return invalid('schema must be 2.0');
  const bad = extra(c, TOP_KEYS);
  if (bad) return invalid(`unsupported card property ${bad}`);
  if (c.config) {
    const badConfig = extra(c.config, CONFIG_KEYS);
    if (badConfig) return invalid(`unsupported config property ${badConfig}`);
    if (c.config.update_multi === false) return invalid('update_multi must be true in 2.0');
  }
  if (c.header) {
    const badHeader = extra(c.header, HEADER_KEYS);
    if (badHeader) return invalid(`unsupported header property ${badHeader}`);
    const problem = text(c.header.title, 'header.title');
    if (problem) return invalid(problem);
  }
  if (!c.body || typeof c.body !== 'object') return invalid('body is required');
  const badBody = extra(c.body, BODY_KEYS);
  if (badBody) return invalid(`unsupported body property ${badBody}`);
  const tables = Array.isArray(c.body.elements) ? c.body.elements.filter((e: Json) => e?.tag === 'table').length : 0;
  if (tables > FEISHU_LIMITS.tables) return invalid(`more than ${FEISHU_LIMITS.tables} tables in one card (${tables})`);
  const count = componentCount(c);
  if (count > FEISHU_LIMITS.components) return invalid(`card element number over limit (${count} > ${FEISHU_LIMITS.components})`);
  const charts = JSON.stringify(c.body.elements ?? []).split('"tag":"chart"').length - 1;
  if (charts > MAX_CHARTS) return invalid(`a card holds at most ${MAX_CHARTS} charts (${charts})`);
  const problem = children(c.body.elements, 'body.elements', true, { form: null, names: new Set(), submits: 0 });
  return problem ? invalid(problem) : null;
}
