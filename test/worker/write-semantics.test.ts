import { describeWriteSemantics } from '../contract/write-semantics';
import { addEngagement, pairOrg } from './support';

// The contract every implementation of the batch keeps, against the real Worker: Lee writes in
// the engagement he is a mentee of; the other engagement pairs Mia with Olu, without him.
describeWriteSemantics('the Worker', async () => {
  const { lee, engagement, coordinator, programme, people } = await pairOrg();
  const other = await addEngagement(coordinator, programme.id, [
    [people.mia.id, 'mentor'],
    [people.olu.id, 'mentee'],
  ]);
  return {
    engagementId: engagement.id,
    otherEngagementId: other.id,
    async batch(items) {
      const res = await lee.post('/v1/batch', { ops: items });
      if (res.status !== 200) throw new Error(`batch: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body.results;
    },
    now: () => new Date().toISOString(),
  };
});
