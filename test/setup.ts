import nock from 'nock';

// No test reaches the network. End-to-end suites re-enable loopback only, for the sandbox.
nock.disableNetConnect();

afterEach(() => {
  nock.cleanAll();
});
