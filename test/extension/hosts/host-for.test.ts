import { describe, expect, it } from 'vitest';
import { hostFor } from '../../../extension/hosts';

describe('hostFor', () => {
  it('picks the adapter by the calendar’s host', () => {
    expect(hostFor(new URL('https://calendar.google.com/calendar/u/0/r/week'))?.provider).toBe('google');
    expect(hostFor(new URL('https://outlook.office365.com/calendar/view/workweek'))?.provider).toBe('outlook');
  });

  it('runs nowhere else', () => {
    expect(hostFor(new URL('http://localhost:8787/v1/me'))).toBeNull();
    expect(hostFor(new URL('https://example.com/google-calendar.html'))).toBeNull();
    // Saved pages are served at the real addresses in the end-to-end tests: no build runs on localhost.
    expect(hostFor(new URL('http://127.0.0.1:4173/google-calendar.html'))).toBeNull();
    expect(hostFor(new URL('http://localhost:4173/fixtures/outlook.html'))).toBeNull();
  });
});
