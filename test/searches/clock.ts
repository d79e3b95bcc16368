/** The clock of the Get NPS Score tests: every period they expect is counted back from NOW. */
import { jest } from '@jest/globals';

export const NOW = Date.parse('2026-11-21T10:00:00Z');

/** In each test of the calling block, Date.now() is NOW; restored after each test. */
export const stopClockAtNow = (): void => {
  beforeEach(() => {
    jest.spyOn(Date, 'now').mockReturnValue(NOW);
  });
  afterEach(() => {
    jest.restoreAllMocks();
  });
};
