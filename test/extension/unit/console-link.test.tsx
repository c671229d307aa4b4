import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PopupPage } from '../../../extension/components/popup-page';
import background from '../../../extension/entrypoints/background';
import { write } from '../../../extension/lib/storage';
import { me, signedInAs } from './fake-api';
import { signedInWithFakeApi } from './support';

signedInWithFakeApi();
let container: HTMLElement;
beforeEach(() => {
  background.main();
  container = document.createElement('div');
  document.body.append(container);
});
afterEach(() => {
  render(null, container);
  container.remove();
});

const link = () => container.querySelector<HTMLAnchorElement>('[data-dyad="dashboard-link"]');

describe("the popup's Dashboard link", () => {
  it("opens the Worker's console on the organisation, in a new tab, for coordinators and admins", async () => {
    await write({ auth: signedInAs({ ...me, role: 'coordinator' }) });

    await act(() => render(<PopupPage />, container));
    await vi.waitFor(() => expect(link()).not.toBeNull());

    expect(link()!.getAttribute('href')).toBe('https://dyad.test/console/?org=northwind');
    expect(link()!.target).toBe('_blank');
  });

  it('is not there for a participant', async () => {
    await act(() => render(<PopupPage />, container));
    await vi.waitFor(() => expect(container.querySelector('[data-dyad="popup-signed-in-as"]')).not.toBeNull());

    expect(link()).toBeNull();
  });
});
