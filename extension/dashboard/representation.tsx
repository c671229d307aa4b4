/**
 * Representation: for a dimension (e.g. gender) and a role (e.g. mentee), who takes part and who
 * gets access, against the eligible population (PRODUCT.md §4). The audit a coordinator runs to
 * check the programme is fair.
 */
import { useEffect, useState } from 'preact/hooks';
import type { MemberRole, Representation as RepresentationData } from '../../shared';
import { disclosure } from '../../shared/rules/disclosure';
import type { Filters } from './analytics-paths';
import { CsvLink } from './csv-link';
import { DisclosureNote } from './disclosure-note';
import { formatNumber, formatPercent, representationSuppressionNote, showCell } from './figures';
import { LoadState, Section } from './form-bits';
import { periodLabel } from './period';
import { groupLabel, RepresentationChart } from './representation-chart';
import { useSession } from './session';
import { SuppressionNote } from './suppression-note';
import { useLoad } from './use-load';

const roles: { id: MemberRole | ''; label: string }[] = [
  { id: '', label: 'Any role' },
  { id: 'mentee', label: 'Mentees' },
  { id: 'mentor', label: 'Mentors' },
  { id: 'executive', label: 'Executives (advisory)' },
  { id: 'advisor', label: 'Advisors' },
  { id: 'rotator', label: 'Rotators' },
  { id: 'host', label: 'Rotation hosts' },
];

export function Representation({ filters }: { filters: Filters }) {
  const { api, me } = useSession();
  const baselines = useLoad(() => api.population(), []);
  const dimensions = baselines.value?.dimensions.map((d) => d.dimension) ?? [];
  const [dimension, setDimension] = useState('');
  const [role, setRole] = useState<MemberRole | ''>('');
  useEffect(() => {
    if (!dimension && dimensions.length > 0) setDimension(dimensions.includes('gender') ? 'gender' : dimensions[0]!);
  }, [dimensions.join()]);

  const result = useLoad(async () => {
    if (!dimension) return null;
    const asked = await api.representation(filters, dimension, role || null);
    if (asked.disclosure.released.length > 0 || asked.disclosure.pending.length === 0) return { data: asked, waiting: [] };
    // The period ends in a quarter still open: show the latest released quarter (the API's answer
    // without dates) and say when the one asked for appears.
    const latest = await api.representation({ ...filters, from: '', to: '' }, dimension, role || null);
    return { data: latest, waiting: asked.disclosure.pending };
  }, [filters, dimension, role]);
  const data = result.value?.data;
  const waiting = result.value?.waiting ?? [];

  return (
    <div class="screen representation">
      <form class="filters sub" onSubmit={(e) => e.preventDefault()}>
        <label>
          <span class="label">Dimension</span>
          <select data-dyad="filter-dimension" value={dimension} onChange={(e) => setDimension(e.currentTarget.value)}>
            {dimensions.length === 0 && <option value="">No population baseline yet</option>}
            {dimensions.map((d) => (
              <option key={d} value={d}>
                {groupLabel(d)}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span class="label">Role</span>
          <select data-dyad="filter-role" value={role} onChange={(e) => setRole(e.currentTarget.value as MemberRole | '')}>
            {roles.map((r) => (
              <option key={r.id} value={r.id}>
                {r.label}
              </option>
            ))}
          </select>
        </label>
        <p class="muted small grow">
          Participants in active engagements during one closed fiscal quarter (the one the period ends in), by group, against the eligible
          population (enter it under Population). Group counts carry a small fixed noise so that no comparison singles anyone out; a group
          shows once it holds about {me.org.minGroupSize + disclosure.showMargin} people or more.
        </p>
      </form>
      <LoadState loading={result.loading || baselines.loading} error={result.error ?? baselines.error} empty={!data} />
      {!baselines.loading && dimensions.length === 0 && (
        <p class="muted">Enter a population baseline (under Population) to compare participation with the eligible population.</p>
      )}
      {data && (
        <Section
          title={`${groupLabel(data.dimension)} · ${roles.find((r) => r.id === (data.role ?? ''))?.label ?? data.role}`}
          actions={
            <CsvLink
              hook="csv-representation"
              endpoint="representation"
              filters={{ ...filters, from: data.period.from, to: data.period.to }}
              extra={{ dimension: data.dimension, role: data.role }}
            />
          }
        >
          <p class="period-line muted">
            {periodLabel(data.period)} · {data.suppressed ? 'withheld' : `${data.totalParticipants} people`}
          </p>
          <DisclosureNote disclosure={{ ...data.disclosure, pending: [...waiting, ...data.disclosure.pending] }} unit="quarter" />
          {data.suppressed ? (
            <p class="withheld" data-dyad="representation-withheld">
              {data.disclosure.pending[0]
                ? `No quarter has been released yet: figures about people appear once a quarter has closed.`
                : `This result is withheld: it rests on fewer than ${data.minGroupSize} people, or fewer than ${data.minGroupSize} fall outside its largest group, so it would say which group nearly everyone is in.`}
            </p>
          ) : (
            <RepresentationChart data={data} />
          )}
          <SuppressionNote
            k={data.minGroupSize}
            show={!data.suppressed && data.groups.some((g) => g.suppressed)}
            text={representationSuppressionNote(data.minGroupSize, disclosure.showMargin)}
          />
          {!data.suppressed && <RepresentationTable data={data} />}
          <p class="muted small">
            Impact ratio: a group's selection rate (participants ÷ population) over the highest group's. Under 0.8 is evidence of adverse
            impact (the four-fifths rule, 29 CFR 1607.4(D)).
          </p>
        </Section>
      )}
    </div>
  );
}

function RepresentationTable({ data }: { data: RepresentationData }) {
  return (
    <div class="table-wrap">
      <table class="table" data-dyad="table-representation">
        <thead>
          <tr>
            <th>Group</th>
            <th class="num">Participants</th>
            <th class="num">Share</th>
            <th class="num">Population share</th>
            <th class="num">Representation index</th>
            <th class="num">Impact ratio</th>
            <th class="num">Sessions / person</th>
            <th class="num">Senior minutes / person</th>
          </tr>
        </thead>
        <tbody>
          {data.groups.map((g) => {
            const cells = [
              showCell(g.participants, g.suppressed),
              showCell(g.share, g.suppressed, formatPercent),
              showCell(g.populationShare, false, formatPercent, 'no baseline'),
              showCell(g.representationIndex, g.suppressed, (v) => v.toFixed(2)),
              showCell(g.impactRatio, g.suppressed, (v) => v.toFixed(2)),
              showCell(g.sessionsPerParticipant, g.suppressed),
              showCell(g.seniorMinutesPerParticipant, g.suppressed, (v) => formatNumber(v, 0)),
            ];
            return (
              <tr key={g.group} class={g.adverseImpact ? 'adverse-row' : ''} data-group={g.group}>
                <td>
                  {groupLabel(g.group)}
                  {g.adverseImpact && <span class="tag adverse"> adverse impact</span>}
                </td>
                {cells.map((c, i) => (
                  <td key={i} class={`num${c.suppressed ? ' suppressed-cell' : ''}`}>
                    {c.text}
                  </td>
                ))}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
