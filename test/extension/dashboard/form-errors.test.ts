import { describe, expect, it } from 'vitest';
import { formErrors, issuesOf, placeIssues } from '../../../extension/dashboard/form-errors';
import { ApiError } from '../../../extension/lib/api';

const invalid = (details: unknown) => new ApiError(400, 'Invalid input', null, 'invalid_input', details);

describe('errors next to their field', () => {
  it("puts each of the API's validation issues on its field", () => {
    const err = invalid([
      { path: 'name', message: 'Too small', code: 'too_small' },
      { path: 'kind', message: 'Invalid option', code: 'invalid_value' },
    ]);

    expect(formErrors(err, ['name', 'kind', 'charter'])).toEqual({
      fields: { name: 'Too small', kind: 'Invalid option' },
      form: 'Please check the highlighted fields.',
    });
  });

  it('puts a nested path on the closest field the form has', () => {
    const issues = [
      { path: 'members.1.participantId', message: 'A person appears twice' },
      { path: 'members', message: 'Needs exactly 1 mentee' },
    ];

    expect(placeIssues(issues, ['members.0', 'members.1', 'members']).fields).toEqual({
      'members.1': 'A person appears twice',
      members: 'Needs exactly 1 mentee',
    });
  });

  it('keeps what no field claims at the top of the form, with its path', () => {
    expect(placeIssues([{ path: 'objectives.3', message: 'Too long' }], ['name'], 'Invalid input')).toEqual({
      fields: {},
      form: 'Invalid input — objectives.3: Too long',
    });
  });

  it('shows a conflict on the field it names', () => {
    const err = new ApiError(409, 'A participant with this email exists', null, 'conflict', { path: 'email' });

    expect(issuesOf(err)).toEqual([{ path: 'email', message: 'A participant with this email exists' }]);
    expect(formErrors(err, ['displayName', 'email']).fields.email).toBe('A participant with this email exists');
  });

  it('says nothing was lost when the network fails', () => {
    expect(formErrors(new ApiError(0, 'Could not reach dyad.test'), ['name']).form).toBe(
      'Could not reach dyad.test. Nothing was saved; your entries are still here.',
    );
  });

  it('shows a refusal (403) as it is', () => {
    expect(formErrors(new ApiError(403, 'Your role may not do this', null, 'forbidden'), ['role'])).toEqual({
      fields: {},
      form: 'Your role may not do this',
    });
  });
});
