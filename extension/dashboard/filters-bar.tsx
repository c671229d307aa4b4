/** The period and programme every analytics screen is filtered by, with quick periods. */
import type { Programme } from '../../shared';
import { dateRange, isAnswerablePeriod } from '../../shared/rules/calendar';
import type { Filters } from './analytics-paths';
import { presetOf, presetPeriod, presets, todayUtc } from './period';

/** The first and last day the API answers for (dates outside are a 400). */
const firstDay = `${dateRange.firstYear}-01-01`;
const lastDay = `${dateRange.lastYear}-12-31`;

export function FiltersBar({
  filters,
  onChange,
  programmes,
  fiscalYearStartMonth,
}: {
  filters: Filters;
  onChange: (f: Filters) => void;
  programmes: readonly Programme[];
  fiscalYearStartMonth: number;
}) {
  const today = todayUtc();
  const active = presetOf(filters, today, fiscalYearStartMonth);
  const bad = filters.from && filters.to && filters.from > filters.to;
  const tooLong = !bad && filters.from && filters.to && !isAnswerablePeriod({ from: filters.from, to: filters.to });
  return (
    <form class="filters" data-dyad="filters" onSubmit={(e) => e.preventDefault()}>
      <label>
        <span class="label">Programme</span>
        <select
          data-dyad="filter-programme"
          value={filters.programmeId ?? ''}
          onChange={(e) => onChange({ ...filters, programmeId: e.currentTarget.value || null })}
        >
          <option value="">All programmes</option>
          {programmes.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
              {p.status === 'archived' ? ' (archived)' : ''}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span class="label">From</span>
        <input
          data-dyad="filter-from"
          type="date"
          value={filters.from}
          min={firstDay}
          max={filters.to || lastDay}
          required
          onChange={(e) => e.currentTarget.value && onChange({ ...filters, from: e.currentTarget.value })}
        />
      </label>
      <label>
        <span class="label">To</span>
        <input
          data-dyad="filter-to"
          type="date"
          value={filters.to}
          min={filters.from || firstDay}
          max={lastDay}
          required
          onChange={(e) => e.currentTarget.value && onChange({ ...filters, to: e.currentTarget.value })}
        />
      </label>
      {/* biome-ignore lint/a11y/useSemanticElements: a row of buttons, not a form section; a fieldset would bring a legend and a border */}
      <div class="presets" role="group" aria-label="Quick periods">
        {presets.map((p) => (
          <button
            key={p.id}
            type="button"
            class={active === p.id ? 'chip active' : 'chip'}
            aria-pressed={active === p.id}
            data-dyad={`filter-preset-${p.id}`}
            onClick={() => onChange({ ...filters, ...presetPeriod(p.id, today, fiscalYearStartMonth) })}
          >
            {p.label}
          </button>
        ))}
      </div>
      {bad && <p class="field-error">The start is after the end.</p>}
      {tooLong && (
        <p class="field-error">
          A period can be at most {dateRange.maxPeriodYears} years, between {dateRange.firstYear} and {dateRange.lastYear}.
        </p>
      )}
    </form>
  );
}
