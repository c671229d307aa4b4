import { describe, expect, it, vi } from 'vitest';
import type { Engagement, Invitation, IssuedInvitation, Participant } from '../../../shared';
import { EngagementForm } from '../../../extension/dashboard/engagement-form';
import { OrgSettings } from '../../../extension/dashboard/org-settings';
import { ParticipantForm } from '../../../extension/dashboard/participant-form';
import { ParticipantsImport } from '../../../extension/dashboard/participants-import';
import { ProgrammeForm } from '../../../extension/dashboard/programme-form';
import { InvitationPanel } from '../../../extension/dashboard/invitation-panel';
import { PersonRole } from '../../../extension/dashboard/person-role';
import { ApiError } from '../../../extension/lib/api';
import { coordinator, mount, programme } from './render';

const invalid = (details: unknown, message = 'Invalid input') => new ApiError(400, message, null, 'invalid_input', details);
const person = (id: string, displayName: string, email: string): Participant => ({
  id,
  displayName,
  email,
  level: null,
  function: null,
  region: null,
  status: 'active',
  role: 'participant',
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
});
const ada = person('p-ada', 'Ada Lovelace', 'ada@x.org');
const bo = person('p-bo', 'Bo Chen', 'bo@x.org');

describe('the programme form', () => {
  it("shows the API's objection next to the field, and keeps everything typed", async () => {
    const createProgramme = vi
      .fn()
      .mockRejectedValue(invalid([{ path: 'name', message: 'A programme with this name exists', code: 'conflict' }]));
    const ui = await mount(<ProgrammeForm programme={null} onSaved={() => undefined} />, { api: { createProgramme } });

    await ui.type('[name=name]', 'Reverse mentoring 2027');
    await ui.choose('[name=kind]', 'advisory');
    await ui.type('[name=charter]', 'Challenge our assumptions.');
    await ui.submit('[data-dyad=form-programme]');

    expect(createProgramme).toHaveBeenCalledWith({
      name: 'Reverse mentoring 2027',
      kind: 'advisory',
      charter: 'Challenge our assumptions.',
    });
    expect(ui.fieldError('[name=name]')).toBe('A programme with this name exists');
    expect(ui.$<HTMLInputElement>('[name=name]').value).toBe('Reverse mentoring 2027');
    expect(ui.$<HTMLSelectElement>('[name=kind]').value).toBe('advisory');
    expect(ui.$<HTMLTextAreaElement>('[name=charter]').value).toBe('Challenge our assumptions.');
  });

  it('keeps the form when the network fails, and says nothing was saved', async () => {
    const createProgramme = vi.fn().mockRejectedValue(new ApiError(0, 'Could not reach dyad.test'));
    const ui = await mount(<ProgrammeForm programme={null} onSaved={() => undefined} />, { api: { createProgramme } });

    await ui.type('[name=name]', 'Rotations');
    await ui.submit('[data-dyad=form-programme]');

    expect(ui.$('[data-dyad=form-error]').textContent).toContain('Nothing was saved; your entries are still here');
    expect(ui.$<HTMLInputElement>('[name=name]').value).toBe('Rotations');
  });

  it('checks a commitment before sending it', async () => {
    const createProgramme = vi.fn();
    const ui = await mount(<ProgrammeForm programme={null} onSaved={() => undefined} />, { api: { createProgramme } });

    await ui.type('[name=name]', 'Rotations');
    await ui.type('[name=minSessionsPerQuarter]', '2.5');
    await ui.submit('[data-dyad=form-programme]');

    expect(createProgramme).not.toHaveBeenCalled();
    expect(ui.fieldError('[name=minSessionsPerQuarter]')).toBe('A whole number from 0 to 52');
  });

  it('edits a programme with PATCH, its kind fixed', async () => {
    const existing = programme('p1', 'classic', 'Mentoring circle');
    const patchProgramme = vi.fn().mockResolvedValue({ ...existing, minSessionsPerQuarter: 3 });
    const ui = await mount(<ProgrammeForm programme={existing} onSaved={() => undefined} />, { api: { patchProgramme } });

    expect(ui.$<HTMLSelectElement>('[name=kind]').disabled).toBe(true);
    await ui.type('[name=minSessionsPerQuarter]', '3');
    await ui.submit('[data-dyad=form-programme]');

    expect(patchProgramme).toHaveBeenCalledWith('p1', {
      name: 'Mentoring circle',
      charter: '',
      status: 'active',
      minSessionsPerQuarter: 3,
    });
  });
});

describe('the engagement form', () => {
  const rotations = programme('rot', 'rotation', 'Leadership rotations');
  const participants = vi.fn().mockResolvedValue({ participants: [ada, bo], total: 2 });

  async function rotationForm(createEngagement = vi.fn()) {
    const ui = await mount(<EngagementForm onCreated={() => undefined} />, {
      api: { participants, createEngagement },
      programmes: [rotations],
    });
    await ui.choose('[name=programmeId]', 'rot');
    await ui.type('[name="members.0.person"]', 'Ada Lovelace <ada@x.org>');
    await ui.type('[name="members.1.person"]', 'Bo Chen <bo@x.org>');
    return ui;
  }

  it("offers the kind's roles, one row each", async () => {
    const ui = await rotationForm();

    expect(ui.$$('[data-dyad=engagement-member] select').map((s) => (s as HTMLSelectElement).value)).toEqual(['rotator', 'host']);
  });

  it('refuses a 3-day rotation next to its end date, without calling the API', async () => {
    const createEngagement = vi.fn();
    const ui = await rotationForm(createEngagement);

    await ui.type('[name=startsOn]', '2026-12-01');
    await ui.type('[name=endsOn]', '2026-12-03');
    await ui.submit('[data-dyad=form-engagement]');

    expect(createEngagement).not.toHaveBeenCalled();
    expect(ui.fieldError('[name=endsOn]')).toBe('A rotation lasts 7 to 42 days; this one lasts 3');
  });

  it('sends members and roles once the form is right', async () => {
    const created = { id: 'e1', members: [{ ...ada, participantId: ada.id, role: 'rotator' }] } as unknown as Engagement;
    const createEngagement = vi.fn().mockResolvedValue(created);
    const ui = await rotationForm(createEngagement);

    await ui.type('[name=startsOn]', '2026-12-01');
    await ui.type('[name=endsOn]', '2026-12-14');
    await ui.type('[name=objectives]', 'Learn the supply chain\n\nShip one improvement');
    await ui.submit('[data-dyad=form-engagement]');

    expect(createEngagement).toHaveBeenCalledWith({
      programmeId: 'rot',
      members: [
        { participantId: 'p-ada', role: 'rotator' },
        { participantId: 'p-bo', role: 'host' },
      ],
      startsOn: '2026-12-01',
      endsOn: '2026-12-14',
      status: 'active',
      objectives: ['Learn the supply chain', 'Ship one improvement'],
    });
    expect(ui.$('[data-dyad=engagement-created]').textContent).toContain('Ada Lovelace (rotator)');
  });

  it("shows the API's issues on the member row they name", async () => {
    const createEngagement = vi
      .fn()
      .mockRejectedValue(invalid([{ path: 'members.1.participantId', message: 'No such participant', code: 'not_found' }]));
    const ui = await rotationForm(createEngagement);

    await ui.type('[name=startsOn]', '2026-12-01');
    await ui.type('[name=endsOn]', '2026-12-14');
    await ui.submit('[data-dyad=form-engagement]');

    expect(ui.fieldError('[name="members.1.person"]')).toBe('No such participant');
    expect(ui.$<HTMLInputElement>('[name="members.1.person"]').value).toBe('Bo Chen <bo@x.org>');
  });
});

describe('the participants import', () => {
  const bad = 'displayName,email,attr:gender\nAda Lovelace,ada@x.org,woman\nBo Chen,not-an-email,man\n';
  const fixed = bad.replace('not-an-email', 'bo@x.org');

  it('previews each row with its errors, and offers no import until the file is clean', async () => {
    const importParticipants = vi
      .fn()
      .mockRejectedValueOnce(
        invalid({ rows: [{ row: 3, field: 'email', message: 'Invalid email address' }] }, '1 error(s) in the file; nothing was imported'),
      )
      .mockResolvedValueOnce({ created: 2, updated: 0, dryRun: true })
      .mockResolvedValueOnce({ created: 2, updated: 0, dryRun: false });
    const ui = await mount(<ParticipantsImport />, { api: { importParticipants } });

    await ui.type('[data-dyad=import-text]', bad);
    await ui.submit('[data-dyad=form-import]');

    expect(importParticipants).toHaveBeenLastCalledWith(bad, true);
    const errors = ui.$$('[data-dyad=import-row-error]');
    expect(
      errors.map((r) => [r.dataset.row, r.querySelector('.cell-error')?.textContent, r.querySelector('.problem')?.textContent]),
    ).toEqual([['3', 'not-an-email', 'email: Invalid email address']]);
    expect(ui.$$('[data-dyad=import-commit]')).toEqual([]);

    await ui.type('[data-dyad=import-text]', fixed);
    await ui.submit('[data-dyad=form-import]');

    expect(ui.$$('[data-dyad=import-row-error]')).toEqual([]);
    expect(ui.$('[data-dyad=import-summary]').textContent).toContain('2 to add');
    await ui.click('[data-dyad=import-commit]');

    expect(importParticipants).toHaveBeenLastCalledWith(fixed, false);
    expect(ui.$('[data-dyad=import-done]').textContent).toBe('Imported: 2 added, 0 updated.');
  });

  it('asks for a new check when the text changes after one', async () => {
    const importParticipants = vi.fn().mockResolvedValue({ created: 2, updated: 0, dryRun: true });
    const ui = await mount(<ParticipantsImport />, { api: { importParticipants } });

    await ui.type('[data-dyad=import-text]', fixed);
    await ui.submit('[data-dyad=form-import]');
    await ui.type('[data-dyad=import-text]', `${fixed}Cy Diaz,cy@x.org,\n`);

    expect(ui.$$('[data-dyad=import-commit]')).toEqual([]);
    expect(ui.container.textContent).toContain('check again');
  });
});

describe('the participant form', () => {
  it('sends only the fields filled in, attributes included, and shows a taken email on its field', async () => {
    const createParticipant = vi
      .fn()
      .mockRejectedValue(new ApiError(409, 'A participant with this email exists', null, 'conflict', { path: 'email' }));
    const ui = await mount(<ParticipantForm onAdded={() => undefined} />, { api: { createParticipant } });

    await ui.type('[name=displayName]', ' Ada Lovelace ');
    await ui.type('[name=email]', 'ada@x.org');
    await ui.type('[aria-label=Value]', 'woman');
    await ui.submit('[data-dyad=form-participant]');

    expect(createParticipant).toHaveBeenCalledWith({ displayName: 'Ada Lovelace', email: 'ada@x.org', attributes: { gender: 'woman' } });
    expect(ui.fieldError('[name=email]')).toBe('A participant with this email exists');
    expect(ui.$<HTMLInputElement>('[name=displayName]').value).toBe(' Ada Lovelace ');
  });
});

describe('the invitation panel', () => {
  const pending: Invitation = {
    id: 'i1',
    participantId: ada.id,
    createdAt: '2026-12-07T10:00:00.000Z',
    createdBy: { id: 'p-tomas', displayName: 'Tomás Becker' },
    expiresAt: '2026-12-14T10:00:00.000Z',
    status: 'pending',
    redeemedAt: null,
    revokedAt: null,
  };
  const issued: IssuedInvitation = { invitation: pending, code: 'c0de', link: 'https://dyad.test/console/#invite=c0de' };

  it('shows the link once, with a message telling the leader how to sign in with it — and no credential', async () => {
    const invite = vi.fn().mockResolvedValue(issued);
    const invitations = vi
      .fn()
      .mockResolvedValueOnce({ invitations: [] })
      .mockResolvedValue({ invitations: [pending] });
    const ui = await mount(<InvitationPanel person={ada} />, { api: { invite, invitations } });

    await ui.submit('[data-dyad=form-invitation]');

    expect(invite).toHaveBeenCalledWith('p-ada', { expiresInDays: 7 });
    expect(ui.$('[data-dyad=invitation-link]').textContent).toBe('https://dyad.test/console/#invite=c0de');
    const message = ui.$<HTMLTextAreaElement>('[data-dyad=invitation-text]').value;
    expect(message).toContain('Hi Ada Lovelace,');
    expect(message).toContain('paste this link:\n   https://dyad.test/console/#invite=c0de');
    expect(message).toContain('until 14 Dec 2026');
    expect(message).not.toMatch(/token/i);
    expect(ui.$('[data-invitation=i1]').dataset.status).toBe('pending');

    await ui.click('[data-dyad=invitation-done]');

    expect(ui.$$('[data-dyad=invitation-link]')).toEqual([]);
  });

  it('refuses an expiry outside 1–30 days before asking the API', async () => {
    const invite = vi.fn();
    const ui = await mount(<InvitationPanel person={ada} />, {
      api: { invite, invitations: vi.fn().mockResolvedValue({ invitations: [] }) },
    });

    await ui.type('[name=expiresInDays]', '45');
    await ui.submit('[data-dyad=form-invitation]');

    expect(invite).not.toHaveBeenCalled();
    expect(ui.fieldError('[name=expiresInDays]')).toBe('A whole number of days from 1 to 30');
  });

  it("lists each invitation's status, and offers Revoke for a pending one only", async () => {
    const used: Invitation = { ...pending, id: 'i2', status: 'redeemed', redeemedAt: '2026-12-08T09:00:00.000Z' };
    const lapsed: Invitation = { ...pending, id: 'i3', status: 'expired' };
    const invitations = vi
      .fn()
      .mockResolvedValueOnce({ invitations: [pending, used, lapsed] })
      .mockResolvedValueOnce({ invitations: [{ ...pending, status: 'revoked', revokedAt: '2026-12-07T11:00:00.000Z' }, used, lapsed] });
    const revokeInvitation = vi.fn().mockResolvedValue({ ...pending, status: 'revoked' });
    const ui = await mount(<InvitationPanel person={ada} />, { api: { invitations, revokeInvitation } });

    expect(ui.$$('[data-invitation]').map((li) => [li.dataset.status, li.querySelector('.tag')?.textContent])).toEqual([
      ['pending', 'Pending'],
      ['redeemed', 'Used'],
      ['expired', 'Expired'],
    ]);
    expect(ui.$('[data-invitation=i2]').textContent).toContain('used 8 Dec 2026');
    expect(ui.$$('[data-dyad=invitation-revoke]')).toHaveLength(1);

    await ui.click('[data-invitation=i1] [data-dyad=invitation-revoke]');

    expect(revokeInvitation).toHaveBeenCalledWith('i1');
    expect(ui.$('[data-invitation=i1]').dataset.status).toBe('revoked');
    expect(ui.$$('[data-dyad=invitation-revoke]')).toEqual([]);
  });

  it("shows the API's refusal plainly (someone who signs in with the organisation's SSO)", async () => {
    const invite = vi
      .fn()
      .mockRejectedValue(new ApiError(409, 'ada@x.org signs in with Northwind (Okta): no invitation is needed', null, 'conflict'));
    const ui = await mount(<InvitationPanel person={ada} />, {
      api: { invite, invitations: vi.fn().mockResolvedValue({ invitations: [] }) },
    });

    await ui.submit('[data-dyad=form-invitation]');

    expect(ui.$('[data-dyad=form-error]').textContent).toBe('ada@x.org signs in with Northwind (Okta): no invitation is needed');
  });
});

describe("a person's role", () => {
  it('lets an admin change it', async () => {
    const patchParticipant = vi.fn().mockResolvedValue({ ...ada, role: 'coordinator' });
    const changed: Participant[] = [];
    const ui = await mount(<PersonRole person={ada} onChanged={(p) => changed.push(p)} />, {
      api: { patchParticipant },
      me: { ...coordinator, role: 'admin' },
    });

    await ui.choose('[name=role]', 'coordinator');
    await ui.submit('[data-dyad=form-role]');

    expect(patchParticipant).toHaveBeenCalledWith('p-ada', { role: 'coordinator' });
    expect(changed.map((p) => p.role)).toEqual(['coordinator']);
  });

  it('shows a coordinator the role, to read only', async () => {
    const ui = await mount(<PersonRole person={{ ...ada, role: 'admin' }} onChanged={() => undefined} />);

    expect(ui.$$('[name=role]')).toEqual([]);
    expect(ui.$('[data-dyad=person-role]').textContent).toContain('Role: Admin');
  });

  it("says why the last admin cannot be demoted (the API's 409)", async () => {
    const patchParticipant = vi.fn().mockRejectedValue(new ApiError(409, 'The organisation must keep an active admin', null, 'conflict'));
    const ui = await mount(<PersonRole person={{ ...ada, role: 'admin' }} onChanged={() => undefined} />, {
      api: { patchParticipant },
      me: { ...coordinator, role: 'admin' },
    });

    await ui.choose('[name=role]', 'participant');
    await ui.submit('[data-dyad=form-role]');

    expect(ui.$('[data-dyad=form-error]').textContent).toBe('The organisation must keep an active admin');
  });
});

describe('the settings form', () => {
  it('refuses a minimum group size outside 3–10 before sending', async () => {
    const patchOrg = vi.fn();
    const ui = await mount(<OrgSettings />, { api: { patchOrg }, me: { ...coordinator, role: 'admin' } });

    await ui.type('[name=minGroupSize]', '2');
    await ui.submit('[data-dyad=form-settings]');

    expect(patchOrg).not.toHaveBeenCalled();
    expect(ui.fieldError('[name=minGroupSize]')).toBe('A whole number from 3 to 10');
  });

  it('saves the settings, the dimensions collected included', async () => {
    const patchOrg = vi.fn().mockImplementation(async (body) => ({ ...coordinator.org, ...body }));
    const ui = await mount(<OrgSettings />, { api: { patchOrg }, me: { ...coordinator, role: 'admin' } });

    await ui.type('[name=minGroupSize]', '7');
    await ui.choose('[name=fiscalYearStartMonth]', '4');
    await ui.type('[name=attributeDimensions]', 'gender, age_band,disability');
    await ui.submit('[data-dyad=form-settings]');

    expect(patchOrg).toHaveBeenCalledWith({
      minGroupSize: 7,
      commentMinimum: 10,
      fiscalYearStartMonth: 4,
      attributeDimensions: ['gender', 'age_band', 'disability'],
      extensionHealthReports: false,
    });
    expect(ui.container.textContent).toContain('Saved.');
  });

  it('shows the dimensions the organisation collects, and refuses a malformed or repeated one before sending', async () => {
    const patchOrg = vi.fn();
    const ui = await mount(<OrgSettings />, { api: { patchOrg }, me: { ...coordinator, role: 'admin' } });
    const shown = (ui.$('[name=attributeDimensions]') as HTMLInputElement).value;

    await ui.type('[name=attributeDimensions]', 'gender, Shoe Size');
    await ui.submit('[data-dyad=form-settings]');
    const malformed = ui.fieldError('[name=attributeDimensions]');
    await ui.type('[name=attributeDimensions]', 'gender, gender');
    await ui.submit('[data-dyad=form-settings]');

    expect(shown).toBe('gender');
    expect(malformed).toMatch(/“Shoe”/);
    expect(ui.fieldError('[name=attributeDimensions]')).toBe('Each dimension once');
    expect(patchOrg).not.toHaveBeenCalled();
  });

  it('is for admins only', async () => {
    const ui = await mount(<OrgSettings />);

    expect(ui.$('[data-dyad=settings-admin-only]')).toBeTruthy();
    expect(ui.$$('[data-dyad=form-settings]')).toEqual([]);
  });
});
