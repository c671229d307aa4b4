import { describe, expect, it } from 'vitest';
import { zNote, zNoteList } from '../../shared';
import { pairOrg, sessionBody, uuid } from './support';

const now = () => new Date().toISOString();

async function withSession() {
  const org = await pairOrg();
  const sessionId = uuid();
  await org.lee.put(`/v1/sessions/${sessionId}`, sessionBody(org.engagement.id));
  return { ...org, sessionId };
}

describe('notes', () => {
  it('are private by default: the other member does not see them', async () => {
    const { lee, mia, sessionId } = await withSession();

    const put = await lee.put(`/v1/sessions/${sessionId}/notes/${uuid()}`, { body: 'My private reflection', clientUpdatedAt: now() });

    expect(put.status).toBe(201);
    expect(zNote.parse(put.body)).toMatchObject({ visibility: 'private', actionItems: [] });
    expect(zNoteList.parse((await lee.get(`/v1/sessions/${sessionId}/notes`)).body).notes).toHaveLength(1);
    expect(zNoteList.parse((await mia.get(`/v1/sessions/${sessionId}/notes`)).body).notes).toEqual([]);
  });

  it("shared notes are read by the engagement's members, with action items", async () => {
    const { lee, mia, sessionId, people } = await withSession();
    const noteId = uuid();

    await lee.put(`/v1/sessions/${sessionId}/notes/${noteId}`, {
      body: 'Agreed next steps',
      visibility: 'shared',
      actionItems: [{ text: 'Shadow the data team' }, { text: 'Read the AI policy', done: true }],
      clientUpdatedAt: now(),
    });

    const seen = zNoteList.parse((await mia.get(`/v1/sessions/${sessionId}/notes`)).body).notes;
    expect(seen).toEqual([
      expect.objectContaining({
        id: noteId,
        authorId: people.lee.id,
        body: 'Agreed next steps',
        actionItems: [
          { text: 'Shadow the data team', done: false },
          { text: 'Read the AI policy', done: true },
        ],
      }),
    ]);
  });

  it('only the author edits a note: another member gets 403 for a shared note, 404 for a private one', async () => {
    const { lee, mia, sessionId } = await withSession();
    const shared = uuid();
    const secret = uuid();
    await lee.put(`/v1/sessions/${sessionId}/notes/${shared}`, { body: 'shared', visibility: 'shared', clientUpdatedAt: now() });
    await lee.put(`/v1/sessions/${sessionId}/notes/${secret}`, { body: 'private', clientUpdatedAt: now() });

    const onShared = await mia.put(`/v1/sessions/${sessionId}/notes/${shared}`, { body: 'hijack', clientUpdatedAt: now() });
    const onPrivate = await mia.put(`/v1/sessions/${sessionId}/notes/${secret}`, { body: 'hijack', clientUpdatedAt: now() });

    expect(onShared.status).toBe(403);
    expect(onPrivate.status).toBe(404);
    const own = zNoteList.parse((await lee.get(`/v1/sessions/${sessionId}/notes`)).body).notes.map((n) => n.body);
    expect(own.sort()).toEqual(['private', 'shared']);
  });

  it('a coordinator reads no note of the session, not even a shared one', async () => {
    const { lee, coordinator, sessionId } = await withSession();
    await lee.put(`/v1/sessions/${sessionId}/notes/${uuid()}`, { body: 'shared', visibility: 'shared', clientUpdatedAt: now() });

    const res = await coordinator.get(`/v1/sessions/${sessionId}/notes`);

    expect(res.status).toBe(404);
    expect(JSON.stringify(res.body)).not.toContain('shared');
  });

  it('a note id cannot be reused on another session', async () => {
    const { lee, engagement, sessionId } = await withSession();
    const noteId = uuid();
    const other = uuid();
    await lee.put(`/v1/sessions/${other}`, sessionBody(engagement.id));
    await lee.put(`/v1/sessions/${sessionId}/notes/${noteId}`, { body: 'here', clientUpdatedAt: now() });

    const res = await lee.put(`/v1/sessions/${other}/notes/${noteId}`, { body: 'there', clientUpdatedAt: now() });

    expect(res.status).toBe(404);
  });
});
