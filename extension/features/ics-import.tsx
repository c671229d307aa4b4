import { useMemo, useState } from 'preact/hooks';
import type { Engagement } from '../../shared';
import { dayMs } from '../../shared/rules/days';
import { engagementLabel, formatDay, formatWhen } from '../components/labels';
import type { LocalSession } from '../lib/messages';
import type { IcsEvent } from '../lib/ics';
import { send } from '../lib/send';
import { minuteChoices, usualMinutes } from '../lib/usual-length';

/** The list shows this many events that match the filter (a year of a daily series would be too long). */
const shown = 150;

/**
 * Import from an .ics file: pick a file, see its events (recurring ones expanded within ±90 days),
 * tag any of them as a session of an engagement. The parser loads only when a file is picked.
 */
export function IcsImport({ engagements, meId, lastUsed }: { engagements: Engagement[]; meId: string; lastUsed: string | null }) {
  const [events, setEvents] = useState<IcsEvent[] | null>(null);
  const [fileName, setFileName] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [unreadable, setUnreadable] = useState(0);
  const [sessions, setSessions] = useState<LocalSession[]>([]);
  /** Minutes the leader chose for events the file gives no length, by event id. */
  const [lengths, setLengths] = useState<Record<string, number>>({});
  const [filter, setFilter] = useState('');
  const [picked, setPicked] = useState<string | null>(null);
  const [tagged, setTagged] = useState<Set<string>>(new Set());
  const [busy, setBusy] = useState<string | null>(null);
  const engagementId = picked ?? (lastUsed && engagements.some((e) => e.id === lastUsed) ? lastUsed : (engagements[0]?.id ?? ''));
  const key = (eventId: string) => `${engagementId}|${eventId}`;

  async function onFile(event: Event) {
    const file = (event.currentTarget as HTMLInputElement).files?.[0];
    setError(null);
    setEvents(null);
    setUnreadable(0);
    if (!file) return;
    setFileName(file.name);
    try {
      const [{ parseIcs, icsWindowDays }, text] = await Promise.all([import('../lib/ics'), file.text()]);
      const parsed = parseIcs(text);
      setEvents(parsed.events);
      setUnreadable(parsed.unreadable);
      // Which of them are sessions already (tagged here, or on the calendar page).
      const now = Date.now();
      // A day more than the parser's window on each side, so an event at its edge is matched too.
      const days = icsWindowDays + 1;
      const sessions = await send('sessions.list', {
        from: new Date(now - days * dayMs).toISOString(),
        to: new Date(now + days * dayMs).toISOString(),
      });
      setSessions(sessions);
      setTagged(new Set(sessions.filter((s) => s.source.provider === 'ics').map((s) => `${s.engagementId}|${s.source.eventId}`)));
    } catch (err) {
      setError((err as Error).message);
    }
  }

  const usual = useMemo(() => usualMinutes(sessions, engagementId), [sessions, engagementId]);
  const minutesFor = (ev: IcsEvent) => lengths[ev.eventId] ?? usual;

  async function tag(ev: IcsEvent) {
    setBusy(ev.eventId);
    setError(null);
    try {
      // An event the file gives no length lasts what the leader chose (the engagement's usual length at first).
      const endsAt = ev.hasLength ? ev.endsAt : new Date(Date.parse(ev.startsAt) + minutesFor(ev) * 60_000).toISOString();
      await send('session.tag', {
        provider: 'ics',
        eventId: ev.eventId,
        title: ev.title,
        startsAt: ev.startsAt,
        endsAt,
        engagementId,
      });
      setTagged((t) => new Set(t).add(key(ev.eventId)));
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(null);
    }
  }

  const visible = useMemo(() => {
    const needle = filter.trim().toLowerCase();
    return (events ?? []).filter((ev) => !needle || ev.title.toLowerCase().includes(needle));
  }, [events, filter]);

  return (
    <section class="ics" data-dyad="ics-import">
      <h2>Import from an .ics file</h2>
      <p class="muted">
        Events from ±90 days around today.{' '}
        <a href="/popup.html" target="_blank" rel="noopener">
          Open in a tab
        </a>{' '}
        if the file picker closes this popup.
      </p>
      <input data-dyad="ics-file" type="file" accept=".ics,text/calendar" onChange={(e) => void onFile(e)} />
      {error && (
        <p class="error" data-dyad="ics-error" role="alert">
          {error}
        </p>
      )}
      {events && (
        <>
          {engagements.length === 0 ? (
            <p class="muted">You have no engagement to tag sessions for yet.</p>
          ) : (
            <label>
              Engagement
              <select data-dyad="ics-engagement" value={engagementId} onChange={(e) => setPicked(e.currentTarget.value)}>
                {engagements.map((e) => (
                  <option key={e.id} value={e.id}>
                    {engagementLabel(e, meId)}
                  </option>
                ))}
              </select>
            </label>
          )}
          <p class="muted" data-dyad="ics-count">
            {events.length} event{events.length === 1 ? '' : 's'} in {fileName}
          </p>
          {unreadable > 0 && (
            <p class="muted" data-dyad="ics-unreadable">
              {unreadable} event{unreadable === 1 ? '' : 's'} could not be read and {unreadable === 1 ? 'is' : 'are'} not listed.
            </p>
          )}
          {events.length > 10 && (
            <input
              data-dyad="ics-filter"
              type="search"
              placeholder="Filter by title"
              value={filter}
              onInput={(e) => setFilter(e.currentTarget.value)}
            />
          )}
          <ul>
            {visible.slice(0, shown).map((ev) => {
              const done = tagged.has(key(ev.eventId));
              return (
                <li key={ev.eventId} data-dyad="ics-event" data-event-id={ev.eventId} data-tagged={done ? 'true' : 'false'}>
                  <div class="what">
                    <span class="title">{ev.title}</span>
                    <span class="muted">
                      {ev.allDay ? `${formatDay(ev.startsAt)} (all day)` : formatWhen(ev.startsAt)}
                      {ev.recurring && ' · repeats'}
                    </span>
                    {!ev.hasLength && !done && (
                      <label class="length" data-dyad="ics-length">
                        No length in the file — it lasted
                        <select
                          value={String(minutesFor(ev))}
                          onChange={(e) => {
                            const minutes = Number(e.currentTarget.value);
                            setLengths((l) => ({ ...l, [ev.eventId]: minutes }));
                          }}
                        >
                          {[...new Set([...minuteChoices, minutesFor(ev)])]
                            .sort((a, b) => a - b)
                            .map((m) => (
                              <option key={m} value={String(m)}>
                                {m} min
                              </option>
                            ))}
                        </select>
                      </label>
                    )}
                  </div>
                  <button type="button" data-dyad="ics-tag" disabled={done || busy !== null || !engagementId} onClick={() => void tag(ev)}>
                    {done ? 'Tagged ✓' : busy === ev.eventId ? 'Tagging…' : 'Tag'}
                  </button>
                </li>
              );
            })}
          </ul>
          {visible.length > shown && <p class="muted">{visible.length - shown} more: filter by title to find them.</p>}
        </>
      )}
    </section>
  );
}
