/**
 * Puts what the API (or the form's own check) said next to the field it concerns. Validation errors
 * come as `error.details: [{ path, message, code }]` (`path` like `members.0.role`); a conflict as
 * `{ path }`. What belongs to no field on the form is shown at the top of the form.
 */
import { ApiError } from '../lib/api';

export interface Issue {
  path: string;
  message: string;
  code?: string;
}

export interface FormErrors {
  /** By field name (the form's own names, which are the API's paths). */
  fields: Record<string, string>;
  /** For the top of the form: the request's message, and any issue no field claims. */
  form: string | null;
}

export const noErrors: FormErrors = { fields: {}, form: null };

/** The issues an API error carries (empty for any other error). */
export function issuesOf(err: unknown): Issue[] {
  if (!(err instanceof ApiError)) return [];
  const { details, message } = err;
  if (Array.isArray(details)) {
    return details.filter(
      (d): d is Issue =>
        typeof d === 'object' && d !== null && typeof (d as Issue).path === 'string' && typeof (d as Issue).message === 'string',
    );
  }
  if (typeof details === 'object' && details !== null && typeof (details as { path?: unknown }).path === 'string') {
    return [{ path: (details as { path: string }).path, message }];
  }
  return [];
}

/**
 * Sorts issues onto the form's fields: an issue goes to the field whose name is its path, or the
 * longest field name its path starts with (`members.0.participantId` → `members.0`, else `members`).
 *
 * @example placeIssues([{ path: 'endsOn', message: 'A rotation lasts 7 to 42 days' }], ['startsOn', 'endsOn'])
 * // { fields: { endsOn: 'A rotation lasts 7 to 42 days' }, form: null }
 */
export function placeIssues(issues: readonly Issue[], fields: readonly string[], message: string | null = null): FormErrors {
  const placed: Record<string, string> = {};
  const loose: string[] = [];
  for (const issue of issues) {
    const field = fields.filter((f) => issue.path === f || issue.path.startsWith(`${f}.`)).sort((a, b) => b.length - a.length)[0];
    if (field === undefined) loose.push(issue.path ? `${issue.path}: ${issue.message}` : issue.message);
    else if (!(field in placed)) placed[field] = issue.message;
  }
  const form = [message, ...loose].filter(Boolean).join(' — ') || null;
  return { fields: placed, form };
}

/**
 * The errors to show after a failed save. The form keeps what was typed: nothing is lost.
 *
 * @example formErrors(err, ['name', 'kind', 'charter', 'minSessionsPerQuarter'])
 */
export function formErrors(err: unknown, fields: readonly string[]): FormErrors {
  const issues = issuesOf(err);
  let message: string;
  if (err instanceof ApiError) {
    if (err.status === 0) message = `${err.message}. Nothing was saved; your entries are still here.`;
    else if (issues.length > 0 && err.code === 'invalid_input') message = 'Please check the highlighted fields.';
    else message = err.message;
  } else {
    message = err instanceof Error ? err.message : String(err);
  }
  const placed = placeIssues(issues, fields, message);
  // Everything was placed on a field: the top line only needs to say so.
  return placed;
}
