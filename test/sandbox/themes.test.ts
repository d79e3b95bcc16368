/** The sandbox's stand-in for the AI analysis: which themes a comment names, and their sentiment. */
import { extractThemes } from '../../sandbox/themes.js';

describe('the Reliability theme', () => {
  test.each([
    ['a failure word, from a promoter', 'Another outage this week.', 9, 'negative'],
    ['a Spanish failure word', 'Hubo una caida ayer.', 10, 'negative'],
    ['praise, from a detractor', 'Reliable, but too expensive.', 3, 'positive'],
    ['Spanish praise', 'Muy estable.', 4, 'positive'],
    ['praise and a failure word: the score decides', 'Reliable until the crash.', 8, 'neutral'],
  ])('%s: "%s" (score %d) is %s', (_case, comment, score, sentiment) => {
    expect(extractThemes([comment], score)).toContainEqual({
      id: 'thm_reliability',
      name: 'Reliability',
      sentiment,
    });
  });

  test('a comment without its words does not name it', () => {
    const ids = extractThemes(['Great support, quick answer.'], 10).map((t) => t.id);
    expect(ids).toEqual(['thm_support']);
  });
});
