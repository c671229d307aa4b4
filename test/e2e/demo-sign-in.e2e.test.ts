/**
 * How `npm start` says to sign in to the demo, against the real Worker and the real local
 * identity provider, without a browser (identity.e2e.test.ts drives the same routes in Chromium):
 * the demo's staff sign in through its identity provider, each acting with their own role; its
 * external advisors, outside the provider, get in with the invitations the seed makes, once each.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Me, SignInOptions } from '../../shared';
import { DEMO_ADVISOR_DOMAIN, DEMO_ORG_SLUG, DEMO_PROVIDER_LABEL, generateDemo } from '../../worker/dev/demo-data';
import { seedDemo, type DemoOrg } from './dashboard-support';
import {
  ApiCallError,
  apiClient,
  LocalWorker,
  redeemInvitation,
  reportFailures,
  signInThroughProvider,
  startIdentityProvider,
  type LocalOidcProvider,
} from './harness';

let worker: LocalWorker;
let idp: LocalOidcProvider;
let demo: DemoOrg;
let options: SignInOptions;

reportFailures(() => ({ worker }));

beforeAll(async () => {
  worker = await LocalWorker.start();
  // The demo is the same whatever the issuer: its staff are the provider's accounts, as in npm start.
  const { staff } = generateDemo({ today: new Date().toISOString().slice(0, 10), providerIssuer: 'http://127.0.0.1:1' });
  idp = await startIdentityProvider({ workerOrigins: [worker.url], accounts: staff.map((p) => ({ email: p.email, name: p.displayName })) });
  demo = await seedDemo(worker, { providerIssuer: idp.issuer });
  options = await apiClient(worker.url, null).get<SignInOptions>(`/v1/auth/sign-in-options?org=${DEMO_ORG_SLUG}`);
});

afterAll(async () => {
  await idp?.close();
  await worker?.dispose();
});

describe('the demo organisation', () => {
  it('offers its identity provider by its slug', () => {
    expect(options.org.slug).toBe(DEMO_ORG_SLUG);
    expect(options.providers).toEqual([expect.objectContaining({ label: DEMO_PROVIDER_LABEL, issuer: idp.issuer })]);
  });

  it('signs its admin, coordinator and leader in through the provider, each with their role', async () => {
    const roles: Record<string, string> = {};

    for (const who of ['admin', 'coordinator', 'leader'] as const) {
      const person = demo.data.people[who];
      const { signedIn } = await signInThroughProvider(worker.url, { providerId: options.providers[0]!.id, email: person.email });
      roles[who] = `${signedIn.me.participant.id} ${signedIn.me.role}`;
    }

    expect(roles).toEqual({
      admin: `${demo.data.people.admin.id} admin`,
      coordinator: `${demo.data.people.coordinator.id} coordinator`,
      leader: `${demo.data.people.leader.id} participant`,
    });
  });

  it("lets its external advisors in with the seed's invitations, once each", async () => {
    for (const invitation of demo.invitations) {
      const { held } = await redeemInvitation(worker.url, new URL(invitation.link).hash.replace('#invite=', ''));
      const me = await apiClient(worker.url, held).get<Me>('/v1/me');
      const again = await redeemInvitation(worker.url, invitation.code).then(
        () => null,
        (error: unknown) => error,
      );

      expect(me.participant.id).toBe(invitation.person.id);
      expect(me.participant.email.endsWith(`@${DEMO_ADVISOR_DOMAIN}`)).toBe(true);
      expect(me.role).toBe('participant');
      expect(again).toBeInstanceOf(ApiCallError);
    }
  });
});
