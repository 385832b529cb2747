// The committed pacts/ must be what the consumer tests write now (dist/pacts, written by the
// `test` targets this one depends on): a consumer change that alters its contract fails here
// until `npm run pacts:update` is run and the new pact committed, where a reviewer sees it.
import { describe, expect, it } from '@jest/globals';
import path from 'node:path';
import { COMMITTED_DIR, committedPact, firstDifference, pactFiles, readPact, WRITTEN_DIR } from './pact-files';

const written = pactFiles(WRITTEN_DIR);
const committed = pactFiles(COMMITTED_DIR);

describe('committed pact files', () => {
  it('exist for every consumer test that writes one, and only for those', () => {
    expect(written).toEqual(
      expect.arrayContaining(['dofs-sdk-dofs-order-api.json', 'dofs-cli-dlq-processor.json', 'fulfill-order-order-workflow.json', 'dlq-processor-order-workflow.json']),
    );
    expect({ committed }).toEqual({ committed: written });
  });

  it.each(written)('pacts/%s is up to date (else run `npm run pacts:update` and commit it)', (file) => {
    const difference = firstDifference(readPact(committedPact(file)), readPact(path.join(WRITTEN_DIR, file)));
    expect({ file, difference }).toEqual({ file, difference: undefined });
  });
});
