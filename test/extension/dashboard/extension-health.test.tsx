import { describe, expect, it, vi } from 'vitest';
import type { ExtensionHealth as Health } from '../../../shared';
import { ExtensionHealth } from '../../../extension/dashboard/extension-health';
import { OrgSettings } from '../../../extension/dashboard/org-settings';
import { isExtensionHealth } from '../../../extension/dashboard/responses';
import { coordinator, mount } from './render';

const health: Health = {
  from: '2026-11-24',
  to: '2026-12-07',
  selectors: [
    {
      host: 'outlook',
      selector: 'outlook.when',
      hits: 40,
      misses: 31,
      lastHitDay: '2026-12-02',
      notFoundSince: '2026-12-03',
      failingVersions: ['0.1.0'],
      days: [
        { day: '2026-12-02', hits: 40, misses: 0 },
        { day: '2026-12-03', hits: 0, misses: 31 },
      ],
    },
    {
      host: 'google',
      selector: 'google.title',
      hits: 120,
      misses: 1,
      lastHitDay: '2026-12-07',
      notFoundSince: null,
      failingVersions: [],
      days: [{ day: '2026-12-07', hits: 120, misses: 1 }],
    },
  ],
};

describe('Extension health panel', () => {
  it('warns for a selector whose misses dominate since a day, naming the version, and lists every selector', async () => {
    const extensionHealth = vi.fn().mockResolvedValue(health);

    const ui = await mount(<ExtensionHealth />, { api: { extensionHealth } });

    const warnings = [...ui.container.querySelectorAll('[data-dyad=extension-health-warning]')].map((w) => w.textContent);
    expect(warnings).toEqual(['Outlook · event time: not found since 3 Dec (v0.1.0)']);
    const rows = [...ui.container.querySelectorAll('tbody tr')].map((r) => [...r.querySelectorAll('td')].map((td) => td.textContent));
    expect(rows).toEqual([
      ['Outlook', 'event time', '40', '31', '2 Dec'],
      ['Google Calendar', 'event title', '120', '1', '7 Dec'],
    ]);
  });

  it('says how to turn reports on when the organisation has not', async () => {
    const extensionHealth = vi.fn().mockResolvedValue({ ...health, selectors: [] });

    const ui = await mount(<ExtensionHealth />, { api: { extensionHealth }, me: coordinator });

    expect(ui.container.querySelector('[data-dyad=extension-health-empty]')?.textContent).toContain('turn on extension health reports');
  });

  it('reads the API’s answer only when it has the expected shape', () => {
    expect(isExtensionHealth.safeParse(health).success).toBe(true);
    expect(isExtensionHealth.safeParse({ ...health, selectors: [{ host: 'outlook' }] }).success).toBe(false);
  });
});

describe('the opt-in in Settings', () => {
  it('is off until an admin ticks it, and then saved as extensionHealthReports: true', async () => {
    const patchOrg = vi.fn().mockImplementation(async (body) => ({ ...coordinator.org, ...body }));
    const ui = await mount(<OrgSettings />, { api: { patchOrg }, me: { ...coordinator, role: 'admin' } });
    const box = ui.$<HTMLInputElement>('[name=extensionHealthReports]');
    const before = box.checked;

    await ui.click('[name=extensionHealthReports]');
    await ui.submit('[data-dyad=form-settings]');

    expect(before).toBe(false);
    expect(patchOrg).toHaveBeenCalledWith(expect.objectContaining({ extensionHealthReports: true }));
  });
});
