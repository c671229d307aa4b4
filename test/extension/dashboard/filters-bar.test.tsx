import { describe, expect, it } from 'vitest';
import type { Filters } from '../../../extension/dashboard/analytics-paths';
import { FiltersBar } from '../../../extension/dashboard/filters-bar';
import { mount } from './render';

const bar = (filters: Filters) => <FiltersBar filters={filters} onChange={() => undefined} programmes={[]} fiscalYearStartMonth={1} />;

describe('the period filter', () => {
  it('offers only the dates the API answers for', async () => {
    const ui = await mount(bar({ programmeId: null, from: '2026-10-01', to: '2026-12-31' }));

    expect(ui.$<HTMLInputElement>('[data-dyad=filter-from]').min).toBe('2000-01-01');
    expect(ui.$<HTMLInputElement>('[data-dyad=filter-to]').max).toBe('2100-12-31');
    expect(ui.container.querySelector('.field-error')).toBeNull();
  });

  it('says why a period longer than ten years shows nothing, before the API refuses it', async () => {
    const ui = await mount(bar({ programmeId: null, from: '2010-01-01', to: '2026-12-31' }));

    expect(ui.$('.field-error').textContent).toBe('A period can be at most 10 years, between 2000 and 2100.');
  });
});
