/**
 * Message text as Slack sends it is markup: &, < and > are escaped, and
 * links, e-mails and mentions come wrapped (`<mailto:a@b.cn|a@b.cn>`). The
 * command grammar wants what the person typed.
 */
export function typedText(slackText: string): string {
  return slackText
    .replace(/<([^<>|]*)\|([^<>]*)>/g, '$2')
    .replace(/<(?:mailto:)?([^<>]*)>/g, '$1')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .trim();
}
