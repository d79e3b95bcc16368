import nock from 'nock';

// No test reaches the network. End-to-end suites re-enable loopback only, for the sandbox.
nock.disableNetConnect();

afterEach(() => {
  nock.cleanAll();
});

// Each test file gets its own copy of nock (jest isolates modules per file), but the HTTP
// interceptor it installs is process-wide: remove it when the file ends, or it answers for the next.
afterAll(() => {
  nock.restore();
});
