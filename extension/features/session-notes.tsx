import { useEffect, useRef, useState } from 'preact/hooks';
import type { ActionItem } from '../../shared';
import { limits } from '../../shared/rules/limits';
import type { NoteDraft as Draft } from '../lib/messages';
import { send } from '../lib/send';
import { useUserInput } from './user-input';

/** How long typing must pause before the note is saved. */
export const saveDelayMs = 600;

type Status = 'loading' | 'idle' | 'saving' | 'saved' | 'queued' | 'error';

const statusText: Record<Status, string> = {
  loading: 'Loading…',
  idle: '',
  saving: 'Saving…',
  saved: 'Saved',
  queued: 'Saved on this device; syncs when online',
  error: 'Not saved — will retry on the next change',
};

/**
 * The leader's note on a tagged session: private unless shared with the engagement, action items
 * with checkboxes, saved as they type (debounced, and once more when the panel closes). The
 * background keeps a copy, so a note reads and saves offline.
 */
export function SessionNotes({ sessionId }: { sessionId: string }) {
  const [draft, setDraft] = useState<Draft>({ body: '', visibility: 'private', actionItems: [] });
  const [status, setStatus] = useState<Status>('loading');
  const [newItem, setNewItem] = useState('');
  const latest = useRef(draft);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const itemInput = useRef<HTMLInputElement>(null);
  const fromUser = useUserInput();

  const save = () => {
    timer.current = null;
    const { body, visibility, actionItems } = latest.current;
    send('note.save', { sessionId, body, visibility, actionItems })
      .then((note) => setStatus(note.pending ? 'queued' : 'saved'))
      .catch(() => setStatus('error'));
  };

  useEffect(() => {
    let live = true;
    send('note.get', { sessionId })
      .then((note) => {
        if (!live) return;
        if (note && !timer.current) {
          latest.current = { body: note.body, visibility: note.visibility, actionItems: note.actionItems };
          setDraft(latest.current);
        }
        setStatus('idle');
      })
      .catch(() => live && setStatus('idle'));
    return () => {
      live = false;
      // Closing the event mid-sentence still saves it.
      if (timer.current) {
        clearTimeout(timer.current);
        save();
      }
    };
  }, [sessionId]);

  const change = (patch: Partial<Draft>) => {
    latest.current = { ...latest.current, ...patch };
    setDraft(latest.current);
    setStatus('saving');
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(save, saveDelayMs);
  };

  const addItem = () => {
    const text = (itemInput.current?.value ?? newItem).trim();
    if (!text) return;
    change({ actionItems: [...latest.current.actionItems, { text, done: false }] });
    if (itemInput.current) itemInput.current.value = '';
    setNewItem('');
  };
  const setItem = (index: number, item: ActionItem | null) => {
    const items = latest.current.actionItems.slice();
    if (item) items[index] = item;
    else items.splice(index, 1);
    change({ actionItems: items });
  };
  const shared = draft.visibility === 'shared';

  return (
    <div class="section">
      <div class="row">
        <span class="title" style="margin:0;flex:1">
          Notes
        </span>
        <label class="toggle" title="Private notes are yours alone; shared notes are readable by the engagement's members.">
          {/* Checkboxes act on `click`, not `change`: a script's `click()` ticks a box and then fires a trusted
              `change`, so only the click tells the leader from a script (see user-input.ts). */}
          <input
            type="checkbox"
            data-dyad-action="note-visibility"
            checked={shared}
            onClick={fromUser((e) => change({ visibility: e.currentTarget.checked ? 'shared' : 'private' }))}
          />
          Share with engagement
        </label>
      </div>
      <textarea
        data-dyad-action="note"
        aria-label="Session notes"
        maxLength={limits.noteChars}
        placeholder={shared ? 'Shared with the engagement’s members' : 'Private — only you can read this'}
        value={draft.body}
        disabled={status === 'loading'}
        onInput={fromUser((e) => change({ body: e.currentTarget.value }))}
      />
      {draft.actionItems.length > 0 && (
        <ul class="items" aria-label="Action items">
          {draft.actionItems.map((item, index) => (
            <li key={index} class={item.done ? 'done' : ''}>
              <input
                type="checkbox"
                data-dyad-action="action-item"
                aria-label={`Done: ${item.text}`}
                checked={item.done}
                onClick={fromUser((e) => setItem(index, { ...item, done: e.currentTarget.checked }))}
              />
              <span>{item.text}</span>
              <button
                type="button"
                data-dyad-action="action-item-remove"
                aria-label={`Remove ${item.text}`}
                onClick={fromUser(() => setItem(index, null))}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <div class="row">
        <input
          ref={itemInput}
          type="text"
          data-dyad-action="action-item-text"
          aria-label="New action item"
          placeholder="Add an action item"
          maxLength={limits.actionItemChars}
          value={newItem}
          onInput={fromUser((e) => setNewItem(e.currentTarget.value))}
          onKeyDown={fromUser((e) => e.key === 'Enter' && !e.isComposing && addItem())}
          style="flex:1"
        />
        <button type="button" data-dyad-action="action-item-add" disabled={!newItem.trim()} onClick={fromUser(addItem)}>
          Add
        </button>
      </div>
      <p class="muted" role="status" data-dyad="note-status" style="margin:0;min-height:1.2em">
        {statusText[status]}
      </p>
    </div>
  );
}
