/**
 * The bot menu (机器人自定义菜单): the operator gives each menu item of type
 * "push event" an event key in the developer console, and Feishu sends
 * `application.bot.menu_v6` with that key when a person taps it.
 *
 * `home` shows the overview card. Any other key is a command, its
 * underscores read as spaces: `kpi` is `/kpi`, `approvals` is `/approvals`,
 * `leads_week` is `/leads week`, `lead` opens the lead form. A key that names
 * no command is answered as an unknown command is.
 */
export const HOME_MENU_KEY = 'home';

/** The command a menu key stands for, or null for the overview. */
export function menuCommand(eventKey: string): string | null {
  const key = eventKey.trim();
  if (key === HOME_MENU_KEY || key === '') return null;
  return `/${key.replace(/_/gu, ' ')}`;
}
