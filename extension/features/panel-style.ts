/**
 * The panel's styles, inside its shadow root: the calendar's CSS cannot reach in and ours cannot
 * leak out. System font, compact, fits a 400px dialog; follows the system's dark mode as both
 * calendars do.
 */
export const panelCss = /* css */ `
:host { all: initial !important; display: block !important; contain: layout style; }
html, body { display: block; margin: 0; padding: 0; }
.panel {
  --fg: #1f1f1f; --muted: #5f6368; --line: #dadce0; --bg: #ffffff; --soft: #f1f3f4; --accent: #5b3cc4; --accent-fg: #ffffff; --ok: #137333;
  box-sizing: border-box; max-width: 100%; margin: 8px 12px 4px; padding: 10px 12px;
  font: 13px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  color: var(--fg); background: var(--bg); border: 1px solid var(--line); border-radius: 12px;
}
@media (prefers-color-scheme: dark) {
  .panel { --fg: #e8eaed; --muted: #9aa0a6; --line: #3c4043; --bg: #202124; --soft: #2d2e31; --accent: #a78bfa; --accent-fg: #111; --ok: #81c995; }
}
.panel *, .panel *::before, .panel *::after { box-sizing: border-box; }
.head { display: flex; align-items: center; gap: 8px; margin-bottom: 8px; min-width: 0; }
.brand { font-weight: 700; letter-spacing: .02em; color: var(--accent); }
.with { flex: 1; min-width: 0; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; color: var(--muted); }
.state { flex: none; font-size: 11px; padding: 1px 8px; border-radius: 999px; background: var(--soft); color: var(--muted); }
.state[data-state="tagged"], .state[data-state="answered"] { color: var(--ok); }
.row { display: flex; gap: 6px; align-items: center; flex-wrap: wrap; margin: 6px 0; }
.row > select { flex: 1 1 140px; min-width: 0; width: auto; }
label.field { display: flex; flex-direction: column; gap: 2px; flex: 1 1 140px; min-width: 0; color: var(--muted); font-size: 11px; }
select, input[type="text"], textarea {
  font: inherit; color: var(--fg); background: var(--bg); border: 1px solid var(--line); border-radius: 6px; padding: 4px 6px; width: 100%; min-width: 0;
}
textarea { resize: vertical; min-height: 64px; }
button { font: inherit; cursor: pointer; border-radius: 6px; border: 1px solid var(--line); background: var(--bg); color: var(--fg); padding: 4px 10px; }
button:disabled { cursor: default; opacity: .55; }
button.primary { background: var(--accent); border-color: var(--accent); color: var(--accent-fg); font-weight: 600; }
select:focus-visible, input:focus-visible, textarea:focus-visible, button:focus-visible { outline: 2px solid var(--accent); outline-offset: 1px; }
.title { font-weight: 600; margin: 0 0 4px; }
.muted { color: var(--muted); font-size: 12px; }
.warn { color: #8a4b00; background: #fef7e0; border-radius: 6px; padding: 4px 8px; font-size: 12px; margin: 4px 0; }
@media (prefers-color-scheme: dark) { .warn { color: #fdd663; background: #3c3214; } }
.when [data-dyad="span"] { font-weight: 500; }
button.link { border: none; background: none; padding: 0 2px; color: var(--accent); text-decoration: underline; }
input[type="date"], input[type="time"] { font: inherit; color: var(--fg); background: var(--bg); border: 1px solid var(--line); border-radius: 6px; padding: 3px 4px; width: 100%; min-width: 0; }
.error { color: #c5221f; font-size: 12px; margin: 4px 0 0; }
.section { border-top: 1px solid var(--line); margin-top: 8px; padding-top: 8px; }
.scale { display: flex; gap: 4px; }
.scale button { width: 30px; height: 28px; padding: 0; border-radius: 50%; }
.scale button[aria-pressed="true"] { background: var(--accent); border-color: var(--accent); color: var(--accent-fg); }
.scale-legend { display: flex; justify-content: space-between; width: 158px; font-size: 10px; color: var(--muted); }
.toggle { display: inline-flex; align-items: center; gap: 4px; color: var(--muted); font-size: 12px; cursor: pointer; }
.items { list-style: none; margin: 4px 0; padding: 0; }
.items li { display: flex; align-items: center; gap: 6px; padding: 1px 0; }
.items li span { flex: 1; min-width: 0; overflow-wrap: anywhere; }
.items li.done span { text-decoration: line-through; color: var(--muted); }
.items li button { border: 0; padding: 0 4px; color: var(--muted); background: none; }
`;
