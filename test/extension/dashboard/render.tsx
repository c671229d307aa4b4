/**
 * Renders a piece of the dashboard into happy-dom with a stand-in API, and drives it as a user
 * would (typing, choosing, submitting).
 */
import { render, type ComponentChildren } from 'preact';
import { act } from 'preact/test-utils';
import type { Me, Programme } from '../../../shared';
import type { DashboardApi } from '../../../extension/dashboard/dashboard-api';
import { SessionContext, type Account, type DashboardSession } from '../../../extension/dashboard/session';
import { me as participantMe } from '../unit/fake-api';

export const coordinator: Me = {
  ...participantMe,
  role: 'coordinator',
  participant: { ...participantMe.participant, displayName: 'Tomás Becker', role: 'coordinator' },
  org: { ...participantMe.org, slug: 'northwind' },
};

/** Signing out, as the console does it, recorded. */
export function fakeAccount(): Account & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    signOut: async () => void calls.push('signOut'),
    forget: () => void calls.push('forget'),
  };
}

export const programme = (id: string, kind: Programme['kind'], name = `${kind} programme`): Programme => ({
  id,
  name,
  kind,
  charter: '',
  minSessionsPerQuarter: 2,
  status: 'active',
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
});

/** Lets pending promises and Preact's re-renders finish. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await act(() => new Promise<void>((resolve) => setTimeout(resolve, 0)));
}

export async function mount(
  ui: ComponentChildren,
  options: { api?: Partial<DashboardApi>; me?: Me; programmes?: Programme[]; account?: Account } = {},
) {
  const container = document.createElement('div');
  document.body.append(container);
  const session: DashboardSession = {
    api: { apiUrl: 'https://dyad.test', ...options.api } as DashboardApi,
    me: options.me ?? coordinator,
    account: options.account ?? fakeAccount(),
    setOrg: () => undefined,
    programmes: options.programmes ?? [],
    reloadProgrammes: () => undefined,
  };
  await act(() => render(<SessionContext.Provider value={session}>{ui}</SessionContext.Provider>, container));
  await settle();
  const $ = <E extends Element = HTMLElement>(selector: string) => {
    const el = container.querySelector<E>(selector);
    if (!el) throw new Error(`Nothing matches ${selector}`);
    return el;
  };
  return {
    container,
    $,
    $$: (selector: string) => [...container.querySelectorAll<HTMLElement>(selector)],
    async type(selector: string, value: string) {
      const el = $<HTMLInputElement>(selector);
      await act(() => {
        el.value = value;
        el.dispatchEvent(new Event('input', { bubbles: true }));
      });
      await settle();
    },
    async choose(selector: string, value: string) {
      const el = $<HTMLSelectElement>(selector);
      await act(() => {
        el.value = value;
        el.dispatchEvent(new Event('change', { bubbles: true }));
      });
      await settle();
    },
    async click(selector: string) {
      await act(() => $(selector).click());
      await settle();
    },
    async submit(selector: string) {
      await act(() => {
        $(selector).dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
      });
      await settle();
    },
    /** The error shown in the field that holds `selector`. */
    fieldError(selector: string) {
      return $(selector).closest('.field, .member, fieldset')?.querySelector('.field-error')?.textContent ?? null;
    },
    unmount: () => render(null, container),
  };
}
