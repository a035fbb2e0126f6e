import { issue, type InputIssue } from './issues.ts';

/** `page:2` of a list command: a whole number from 1; anything else names the field and what it takes. */
export function pageNumber(word: string, issues: InputIssue[]): number | undefined {
  if (/^\d{1,4}$/.test(word.trim()) && Number(word) >= 1) return Number(word);
  issues.push(issue('choice_invalid', 'page', { value: word.slice(0, 20), options: '1, 2, 3…' }));
  return undefined;
}
