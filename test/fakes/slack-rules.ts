/**
 * What Slack refuses, for the fake Web API: the limits of Block Kit and of
 * view objects, as Slack's reference pages state them (docs.slack.dev,
 * "Reference: blocks", "Block elements", "Composition objects", "Modal views",
 * "Home tab views", "chat.postMessage"). A payload that breaks one is refused
 * with the error Slack gives: `invalid_blocks` in a message, `invalid_arguments`
 * in a view, `msg_too_long` for text over 40,000 characters.
 */

export type SlackRefusal = {
  error: 'invalid_blocks' | 'invalid_arguments' | 'msg_too_long' | 'file_not_found' | 'file_upload_size_mismatch' | 'invalid_channel' | TriggerError;
  why: string;
};

/** views.open's answers to a trigger_id it cannot take. */
export type TriggerError = 'invalid_trigger_id' | 'expired_trigger_id' | 'exchanged_trigger_id';

/** "Triggers expire in three seconds" (Slack, handling user interaction), and each opens one modal. */
export const TRIGGER_LIFETIME_MS = 3000;

/**
 * A trigger_id views.open would refuse, without its one use (the fake keeps
 * that): missing or not one Slack issued (test/fakes/slack-signing.ts,
 * slackTriggerId), or issued more than three seconds ago.
 */
export function checkTrigger(triggerId: unknown, nowMs: number): SlackRefusal | null {
  const issued = typeof triggerId === 'string' ? /^(\d+)\.\d+\.[0-9a-f]+$/.exec(triggerId) : null;
  if (!issued) return { error: 'invalid_trigger_id', why: `trigger_id ${JSON.stringify(triggerId)} was not issued by Slack` };
  const age = nowMs - Number(issued[1]);
  if (age > TRIGGER_LIFETIME_MS) return { error: 'expired_trigger_id', why: `trigger_id is ${age} ms old (they last ${TRIGGER_LIFETIME_MS} ms)` };
  return null;
}

type Json = Record<string, any>;
type Problem = string | null;

/** chat.postMessage: "a maximum of 50 blocks"; views: "Max of 100 blocks". */
export const SLACK_LIMITS = {
  messageBlocks: 50,
  viewBlocks: 100,
  /** chat.postMessage: text over 40,000 characters is refused (msg_too_long). */
  messageText: 40_000,
  /** Section block: text max 3000, each field max 2000, at most 10 fields. */
  sectionText: 3000,
  fieldText: 2000,
  fields: 10,
  /** Header block: plain_text, max 150. */
  header: 150,
  /** Context block: at most 10 elements. */
  contextElements: 10,
  /** Actions block: at most 25 elements. */
  actionsElements: 25,
  /** Button: text max 75, value max 2000, url max 3000. */
  buttonText: 75,
  buttonValue: 2000,
  /** action_id and block_id: max 255. */
  id: 255,
  /** Input block: label and hint max 2000. */
  inputLabel: 2000,
  /** Placeholders: max 150. */
  placeholder: 150,
  /** plain_text_input: max_length at most 3000. */
  inputMaxLength: 3000,
  /** Option object: text max 75, value max 150; a static_select holds at most 100 options. */
  optionText: 75,
  optionValue: 150,
  options: 100,
  /** Modal: title, submit and close max 24; private_metadata max 3000; callback_id max 255. */
  modalText: 24,
  privateMetadata: 3000,
  /** Table block: "Maximum 100 rows", "a max of 20 table cells" a row, "Maximum 20" column settings; one table a message. */
  tableRows: 100,
  tableCells: 20,
  /**
   * A cell's text: raw_text "minimum length is 1 character"; Slack names no maximum, the fake
   * takes the 2,000 one public Block Kit library clamps to (the stricter reading).
   */
  tableCellText: 2000,
} as const;

/** Modal and Home tab view fields, per the view reference pages; anything else is refused. */
const VIEW_KEYS: Record<'modal' | 'home', string[]> = {
  modal: ['type', 'title', 'blocks', 'close', 'submit', 'private_metadata', 'callback_id', 'clear_on_close', 'notify_on_close', 'external_id', 'submit_disabled'],
  home: ['type', 'blocks', 'private_metadata', 'callback_id', 'external_id'],
};

/** Fields of each block type the bot uses (and a few it may use). */
const BLOCK_KEYS: Record<string, string[]> = {
  section: ['type', 'block_id', 'text', 'fields', 'accessory', 'expand'],
  header: ['type', 'block_id', 'text'],
  divider: ['type', 'block_id'],
  context: ['type', 'block_id', 'elements'],
  actions: ['type', 'block_id', 'elements'],
  input: ['type', 'block_id', 'label', 'element', 'dispatch_action', 'hint', 'optional'],
  table: ['type', 'block_id', 'rows', 'column_settings'],
};

/** Fields of each element type the bot uses. */
const ELEMENT_KEYS: Record<string, string[]> = {
  button: ['type', 'text', 'action_id', 'url', 'value', 'style', 'confirm', 'accessibility_label'],
  plain_text_input: ['type', 'action_id', 'placeholder', 'initial_value', 'multiline', 'min_length', 'max_length', 'dispatch_action_config', 'focus_on_load'],
  static_select: ['type', 'action_id', 'options', 'option_groups', 'initial_option', 'confirm', 'focus_on_load', 'placeholder'],
  // "Date picker element": initial_date is YYYY-MM-DD.
  datepicker: ['type', 'action_id', 'initial_date', 'confirm', 'focus_on_load', 'placeholder'],
  // "Select menu of users": initial_user is a user ID.
  users_select: ['type', 'action_id', 'initial_user', 'confirm', 'focus_on_load', 'placeholder'],
  // "Select menu of external data source": options come from the app's Options Load URL; min_query_length defaults to 3.
  external_select: ['type', 'action_id', 'initial_option', 'min_query_length', 'confirm', 'focus_on_load', 'placeholder'],
};

/**
 * What the app is configured with, beyond the payload: an external_select
 * loads its options from the app's Options Load URL (interactivity's
 * `message_menu_options_url`); without one Slack can never fill the menu.
 * The fake refuses such a view, stricter than Slack, which would open a
 * menu that stays empty.
 */
export interface SlackAppConfig {
  optionsLoadUrl: string | null;
}

/** A calendar date written YYYY-MM-DD, and a real one (no 2026-02-30). */
export function isCalendarDate(value: unknown): boolean {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/** An app with no Options Load URL: messages never hold an external_select here. */
const NO_APP: SlackAppConfig = { optionsLoadUrl: null };

const len = (s: unknown): number => [...String(s ?? '')].length;
const extra = (object: Json, allowed: string[]): string | undefined => Object.keys(object).find((k) => !allowed.includes(k));
const first = (...problems: Problem[]): Problem => problems.find((p) => p !== null) ?? null;

/** A text object: plain_text (with emoji) or mrkdwn (with verbatim), 1 to `max` characters. */
function textObject(t: unknown, where: string, max: number, plainOnly = false): Problem {
  if (!t || typeof t !== 'object') return `${where}: a text object is required`;
  const o = t as Json;
  if (o.type !== 'plain_text' && o.type !== 'mrkdwn') return `${where}: text type must be plain_text or mrkdwn`;
  if (plainOnly && o.type !== 'plain_text') return `${where}: must be plain_text`;
  const bad = extra(o, o.type === 'plain_text' ? ['type', 'text', 'emoji'] : ['type', 'text', 'verbatim']);
  if (bad) return `${where}: unknown text property ${bad}`;
  if (typeof o.text !== 'string' || len(o.text) < 1) return `${where}: text must be at least 1 character`;
  if (len(o.text) > max) return `${where}: text longer than ${max} characters (${len(o.text)})`;
  return null;
}

const id = (value: unknown, where: string): Problem =>
  value === undefined ? null : typeof value !== 'string' || len(value) < 1 || len(value) > SLACK_LIMITS.id ? `${where}: must be 1 to ${SLACK_LIMITS.id} characters` : null;

function option(o: Json, where: string): Problem {
  const bad = extra(o, ['text', 'value', 'description', 'url']);
  if (bad) return `${where}: unknown option property ${bad}`;
  if (typeof o.value !== 'string' || len(o.value) < 1 || len(o.value) > SLACK_LIMITS.optionValue) return `${where}: value must be 1 to ${SLACK_LIMITS.optionValue} characters`;
  return first(textObject(o.text, `${where}.text`, SLACK_LIMITS.optionText, true), o.description ? textObject(o.description, `${where}.description`, SLACK_LIMITS.optionText, true) : null);
}

function element(e: Json, where: string, actionIds: Set<string>, app: SlackAppConfig): Problem {
  const allowed = ELEMENT_KEYS[e?.type];
  if (!allowed) return `${where}: element type ${e?.type} is not one the fake knows`;
  const bad = extra(e, allowed);
  if (bad) return `${where}: unknown ${e.type} property ${bad}`;
  if (e.action_id !== undefined) {
    if (actionIds.has(e.action_id)) return `${where}: action_id ${e.action_id} repeated in one block`;
    actionIds.add(e.action_id);
  }
  const placeholder = e.placeholder ? textObject(e.placeholder, `${where}.placeholder`, SLACK_LIMITS.placeholder, true) : null;
  switch (e.type) {
    case 'button':
      return first(
        textObject(e.text, `${where}.text`, SLACK_LIMITS.buttonText, true),
        id(e.action_id, `${where}.action_id`),
        e.value !== undefined && len(e.value) > SLACK_LIMITS.buttonValue ? `${where}: value longer than ${SLACK_LIMITS.buttonValue}` : null,
        e.style !== undefined && e.style !== 'primary' && e.style !== 'danger' ? `${where}: style must be primary or danger` : null,
      );
    case 'plain_text_input':
      return first(
        id(e.action_id, `${where}.action_id`),
        placeholder,
        e.max_length !== undefined && (e.max_length < 1 || e.max_length > SLACK_LIMITS.inputMaxLength) ? `${where}: max_length must be 1 to ${SLACK_LIMITS.inputMaxLength}` : null,
        e.initial_value !== undefined && e.max_length !== undefined && len(e.initial_value) > e.max_length ? `${where}: initial_value longer than max_length` : null,
      );
    case 'static_select': {
      const options: Json[] = e.options ?? [];
      if (!e.options && !e.option_groups) return `${where}: options are required`;
      if (options.length > SLACK_LIMITS.options) return `${where}: more than ${SLACK_LIMITS.options} options`;
      const initial = e.initial_option ? options.find((o) => o.value === e.initial_option.value && JSON.stringify(o.text) === JSON.stringify(e.initial_option.text)) : true;
      return first(
        id(e.action_id, `${where}.action_id`),
        placeholder,
        ...options.map((o, i) => option(o, `${where}.options[${i}]`)),
        initial ? null : `${where}: initial_option must be one of the options`,
      );
    }
    case 'datepicker':
      return first(
        id(e.action_id, `${where}.action_id`),
        placeholder,
        e.initial_date !== undefined && !isCalendarDate(e.initial_date) ? `${where}: initial_date must be a date written YYYY-MM-DD (${e.initial_date})` : null,
      );
    case 'users_select':
      return first(
        id(e.action_id, `${where}.action_id`),
        placeholder,
        e.initial_user !== undefined && (typeof e.initial_user !== 'string' || !/^[UW][A-Z0-9_]+$/.test(e.initial_user)) ? `${where}: initial_user must be a user ID` : null,
      );
    case 'external_select':
      return first(
        app.optionsLoadUrl ? null : `${where}: an external_select needs the app's Options Load URL (interactivity message_menu_options_url)`,
        id(e.action_id, `${where}.action_id`),
        placeholder,
        e.min_query_length !== undefined && (!Number.isInteger(e.min_query_length) || e.min_query_length < 0) ? `${where}: min_query_length must be a whole number, 0 or more` : null,
        e.initial_option !== undefined ? option(e.initial_option, `${where}.initial_option`) : null,
      );
    default:
      return null;
  }
}

/** A table block: 1 to 100 rows, every row 1 to 20 cells and as long as the first, each cell raw_text (1 to 2,000 characters) or rich_text. */
function table(b: Json, where: string): Problem {
  const rows: unknown = b.rows;
  if (!Array.isArray(rows) || rows.length < 1) return `${where}: a table needs rows`;
  if (rows.length > SLACK_LIMITS.tableRows) return `${where}: more than ${SLACK_LIMITS.tableRows} rows (${rows.length})`;
  const width = Array.isArray(rows[0]) ? rows[0].length : 0;
  for (const [r, row] of rows.entries()) {
    if (!Array.isArray(row) || row.length < 1) return `${where}.rows[${r}]: a row is an array of cells`;
    if (row.length > SLACK_LIMITS.tableCells) return `${where}.rows[${r}]: more than ${SLACK_LIMITS.tableCells} cells (${row.length})`;
    if (row.length !== width) return `${where}.rows[${r}]: ${row.length} cells where the first row has ${width}`;
    for (const [c, cell] of (row as Json[]).entries()) {
      const at = `${where}.rows[${r}][${c}]`;
      if (cell?.type === 'rich_text') {
        if (extra(cell, ['type', 'elements', 'block_id'])) return `${at}: unknown rich_text property ${extra(cell, ['type', 'elements', 'block_id'])}`;
        if (!Array.isArray(cell.elements)) return `${at}: rich_text needs elements`;
        continue;
      }
      if (cell?.type !== 'raw_text') return `${at}: a cell is raw_text or rich_text, not ${cell?.type}`;
      const bad = extra(cell, ['type', 'text']);
      if (bad) return `${at}: unknown raw_text property ${bad}`;
      if (typeof cell.text !== 'string' || len(cell.text) < 1) return `${at}: text must be at least 1 character`;
      if (len(cell.text) > SLACK_LIMITS.tableCellText) return `${at}: text longer than ${SLACK_LIMITS.tableCellText} characters (${len(cell.text)})`;
    }
  }
  if (b.column_settings !== undefined) {
    if (!Array.isArray(b.column_settings) || b.column_settings.length > SLACK_LIMITS.tableCells) return `${where}: column_settings holds at most ${SLACK_LIMITS.tableCells} items`;
    for (const [i, setting] of (b.column_settings as Json[]).entries()) {
      if (setting === null) continue;
      const bad = extra(setting ?? {}, ['align', 'is_wrapped']);
      if (bad) return `${where}.column_settings[${i}]: unknown property ${bad}`;
      if (setting.align !== undefined && !['left', 'center', 'right'].includes(setting.align)) return `${where}.column_settings[${i}]: align must be left, center or right`;
      if (setting.is_wrapped !== undefined && typeof setting.is_wrapped !== 'boolean') return `${where}.column_settings[${i}]: is_wrapped must be a boolean`;
    }
  }
  return null;
}

/** An options load answer (block_suggestion): at most 100 options, each a valid option object. */
export function checkOptionsAnswer(answer: unknown): string | null {
  const options = (answer as Json | null)?.options;
  if (!Array.isArray(options)) return 'an options answer needs options';
  if (options.length > SLACK_LIMITS.options) return `more than ${SLACK_LIMITS.options} options (${options.length})`;
  return first(...options.map((o: Json, i: number) => option(o, `options[${i}]`)));
}

function block(b: Json, where: string, app: SlackAppConfig): Problem {
  const allowed = BLOCK_KEYS[b?.type];
  if (!allowed) return `${where}: block type ${b?.type} is not one the fake knows`;
  const bad = extra(b, allowed);
  if (bad) return `${where}: unknown ${b.type} property ${bad}`;
  const actionIds = new Set<string>();
  const blockId = id(b.block_id, `${where}.block_id`);
  switch (b.type) {
    case 'section': {
      if (!b.text && !b.fields) return `${where}: a section needs text or fields`;
      const fields: unknown[] = b.fields ?? [];
      if (fields.length > SLACK_LIMITS.fields) return `${where}: more than ${SLACK_LIMITS.fields} fields`;
      return first(
        blockId,
        b.text ? textObject(b.text, `${where}.text`, SLACK_LIMITS.sectionText) : null,
        ...fields.map((f, i) => textObject(f, `${where}.fields[${i}]`, SLACK_LIMITS.fieldText)),
        b.accessory ? element(b.accessory, `${where}.accessory`, actionIds, app) : null,
      );
    }
    case 'header':
      return first(blockId, textObject(b.text, `${where}.text`, SLACK_LIMITS.header, true));
    case 'divider':
      return blockId;
    case 'context': {
      const elements: Json[] = b.elements ?? [];
      if (elements.length < 1 || elements.length > SLACK_LIMITS.contextElements) return `${where}: a context holds 1 to ${SLACK_LIMITS.contextElements} elements`;
      return first(blockId, ...elements.map((e, i) => textObject(e, `${where}.elements[${i}]`, SLACK_LIMITS.sectionText)));
    }
    case 'actions': {
      const elements: Json[] = b.elements ?? [];
      if (elements.length < 1 || elements.length > SLACK_LIMITS.actionsElements) return `${where}: an actions block holds 1 to ${SLACK_LIMITS.actionsElements} elements`;
      return first(blockId, ...elements.map((e, i) => element(e, `${where}.elements[${i}]`, actionIds, app)));
    }
    case 'input':
      return first(
        blockId,
        textObject(b.label, `${where}.label`, SLACK_LIMITS.inputLabel, true),
        b.hint ? textObject(b.hint, `${where}.hint`, SLACK_LIMITS.inputLabel, true) : null,
        b.element ? element(b.element, `${where}.element`, actionIds, app) : `${where}: an input needs an element`,
      );
    case 'table':
      return first(blockId, table(b, where));
    default:
      return null;
  }
}

/**
 * Blocks of one message or view: each valid, block_ids unique ("unique for each message and each iteration of a message").
 * A message holds at most one table (Slack: `only_one_table_allowed`); a modal or Home tab none (the table block is
 * documented for messages: the stricter reading).
 */
function blocks(list: unknown, max: number, surface: 'message' | 'view', app: SlackAppConfig = NO_APP): Problem {
  if (!Array.isArray(list)) return 'blocks must be an array';
  if (list.length > max) return `more than ${max} blocks (${list.length})`;
  const tables = list.filter((b) => b?.type === 'table').length;
  if (surface === 'view' && tables) return 'a table block is for messages, not views';
  if (tables > 1) return `only_one_table_allowed (${tables} tables)`;
  const blockIds = new Set<string>();
  for (const [i, b] of list.entries()) {
    const problem = block(b, `blocks[${i}]`, app);
    if (problem) return problem;
    if (b.block_id !== undefined) {
      if (blockIds.has(b.block_id)) return `blocks[${i}]: block_id ${b.block_id} repeated`;
      blockIds.add(b.block_id);
    }
  }
  return null;
}

/** A message body (chat.postMessage, chat.update, chat.postEphemeral, a response_url post, a slash command's inline answer). */
export function checkMessage(args: Json): SlackRefusal | null {
  if (args.text !== undefined && len(args.text) > SLACK_LIMITS.messageText) return { error: 'msg_too_long', why: `text longer than ${SLACK_LIMITS.messageText}` };
  if (args.blocks === undefined) return null;
  const problem = blocks(args.blocks, SLACK_LIMITS.messageBlocks, 'message');
  return problem ? { error: 'invalid_blocks', why: problem } : null;
}

/** A view of views.open, views.update or views.publish, for an app configured so. */
export function checkView(view: unknown, method: string, app: SlackAppConfig = NO_APP): SlackRefusal | null {
  const refuse = (why: string): SlackRefusal => ({ error: 'invalid_arguments', why });
  if (!view || typeof view !== 'object') return refuse('view is required');
  const v = view as Json;
  if (v.type !== 'modal' && v.type !== 'home') return refuse(`view type ${v.type} is not modal or home`);
  if (method === 'views.publish' && v.type !== 'home') return refuse('views.publish takes a home view');
  if (method !== 'views.publish' && v.type !== 'modal') return refuse(`${method} takes a modal view`);
  const bad = extra(v, VIEW_KEYS[v.type as 'modal' | 'home']);
  if (bad) return refuse(`unknown ${v.type} view property ${bad}`);
  const problem = first(
    v.private_metadata !== undefined && len(v.private_metadata) > SLACK_LIMITS.privateMetadata ? `private_metadata longer than ${SLACK_LIMITS.privateMetadata}` : null,
    id(v.callback_id, 'callback_id'),
    v.type === 'modal' ? textObject(v.title, 'title', SLACK_LIMITS.modalText, true) : null,
    v.submit ? textObject(v.submit, 'submit', SLACK_LIMITS.modalText, true) : null,
    v.close ? textObject(v.close, 'close', SLACK_LIMITS.modalText, true) : null,
    // "submit is required when an input block is within the blocks array".
    v.type === 'modal' && !v.submit && Array.isArray(v.blocks) && v.blocks.some((b: Json) => b?.type === 'input') ? 'a modal with input blocks needs submit' : null,
    blocks(v.blocks, SLACK_LIMITS.viewBlocks, 'view', app),
  );
  return problem ? refuse(problem) : null;
}
