/**
 * Core's Lambda memory guard (zapier-platform-core/src/tools/memory-checker.js) exits the process
 * once RSS exceeds 450 MB after 250 invocations in one module instance. In jest it measures the
 * whole worker (≈350 MB before the first test), not the app, so suites that run appTester more
 * than 250 times would kill the worker. Those suites call this: RSS reads as 0 while they run.
 */
export const disableCoreMemoryGuard = (): void => {
  const realMemoryUsage = process.memoryUsage;
  beforeAll(() => {
    process.memoryUsage = Object.assign(() => ({ ...realMemoryUsage.call(process), rss: 0 }), {
      rss: () => 0,
    });
  });
  afterAll(() => {
    process.memoryUsage = realMemoryUsage;
  });
};
