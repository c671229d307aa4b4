import { describe, expect, it } from 'vitest';
import type { Disclosure } from '../../../shared';
import { DisclosureNote } from '../../../extension/dashboard/disclosure-note';
import { releaseLabel } from '../../../extension/dashboard/period';
import { mount } from './render';

const released: Disclosure = {
  released: [{ period: '2026-07-01', from: '2026-07-01', to: '2026-09-30', frozenAt: '2026-10-12T08:30:00.000Z' }],
  pending: [],
  populationChanges: 0,
};

describe('the note next to protected figures', () => {
  it('says which closed period the figures come from, since when they are fixed, and that counts are shifted on purpose', async () => {
    const { container } = await mount(<DisclosureNote disclosure={released} unit="quarter" />);
    const text = container.textContent ?? '';
    expect(text).toContain('Figures for Jul – Sept 2026, released once the quarter had closed and fixed since 12 Oct 2026');
    expect(text).toContain('shifted by a little on purpose');
    expect(container.querySelector('[data-dyad="population-changes"]')).toBeNull();
    expect(container.querySelector('[data-dyad="disclosure-pending"]')).toBeNull();
  });

  it('says when a period still open will appear', async () => {
    const pending: Disclosure = {
      released: [],
      pending: [{ period: '2026-10-01', from: '2026-10-01', to: '2026-12-31', releasesOn: '2027-01-08' }],
      populationChanges: 0,
    };
    const { container } = await mount(<DisclosureNote disclosure={pending} unit="quarter" />);
    expect(container.querySelector('[data-dyad="disclosure-pending"]')?.textContent).toContain('Oct – Dec 2026 appears on 8 Jan 2027');
  });

  it('warns that writes made while the period was open shaped the figures, and where admins see who', async () => {
    const { container } = await mount(<DisclosureNote disclosure={{ ...released, populationChanges: 3 }} unit="month" />);
    const warning = container.querySelector('[data-dyad="population-changes"]')?.textContent ?? '';
    expect(warning).toContain('3 changes to people or pairings');
    expect(warning).toContain('Audit log');
  });

  it('names a month by its month and a quarter by its first and last months', () => {
    expect(releaseLabel({ from: '2026-09-01', to: '2026-09-30' })).toBe('Sept 2026');
    expect(releaseLabel({ from: '2026-10-01', to: '2026-12-31' })).toBe('Oct – Dec 2026');
    expect(releaseLabel({ from: '2026-11-01', to: '2027-01-31' })).toBe('Nov 2026 – Jan 2027');
  });
});
