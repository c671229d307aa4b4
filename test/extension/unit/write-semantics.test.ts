/**
 * The fake API the queue's tests use keeps the Worker's write semantics: the same contract suite
 * runs here against the fake and in test/worker/write-semantics.test.ts against the real Worker.
 * Requests go through the fake's `fetch` as JSON, as the extension sends them.
 */
import { describeWriteSemantics } from '../../contract/write-semantics';
import { engagementId, FakeApi, otherEngagementId } from './fake-api';

describeWriteSemantics("the extension's fake API", async () => {
  const api = new FakeApi();
  return {
    engagementId,
    otherEngagementId,
    now: () => api.now(),
    async batch(items) {
      const response = await api.fetch('https://dyad.test/v1/batch', {
        method: 'POST',
        headers: { Authorization: 'Bearer tok', 'Content-Type': 'application/json' },
        body: JSON.stringify({ ops: items }),
      });
      return ((await response.json()) as { results: [] }).results;
    },
  };
});
