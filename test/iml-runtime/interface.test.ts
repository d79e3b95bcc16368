/**
 * Output bundles against a module's interface (iml-runtime/interface.ts).
 */
import { checkInterface } from '../../iml-runtime/runner.js';

describe('checkInterface', () => {
  const iface = [
    { name: 'id', type: 'text' },
    { name: 'score', type: 'uinteger' },
    { name: 'at', type: 'date' },
    { name: 'ok', type: 'boolean' },
    { name: 'contact', type: 'collection', spec: [{ name: 'email', type: 'email' }] },
    { name: 'themes', type: 'array', spec: [{ name: 'name', type: 'text' }] },
    { name: 'tags', type: 'array', spec: { type: 'text' } },
  ];

  it('accepts an output that matches, nulls included', () => {
    expect(
      checkInterface(
        {
          id: 'r1',
          score: 9,
          at: '2024-01-01T00:00:00.000Z',
          ok: null,
          contact: { email: 'a@b.c' },
          themes: [{ name: 'x' }],
          tags: ['a'],
        },
        iface,
      ),
    ).toEqual([]);
  });

  it('names undeclared keys and values of the wrong type, nested too', () => {
    expect(
      checkInterface(
        {
          id: 1,
          score: -1,
          at: 'yesterday',
          extra: 1,
          contact: { phone: '1' },
          themes: [{ name: 'x', n: 2 }],
          tags: [3],
        },
        iface,
      ),
    ).toEqual([
      'id is declared text but is 1',
      'score is declared uinteger but is -1',
      'at is declared date but is "yesterday"',
      'extra is not declared in the interface',
      'contact.phone is not declared in the interface',
      'themes[1].n is not declared in the interface',
      'tags[1] is declared text but is 3',
    ]);
  });

  it("reports a date that is not in Make's date-time form (the API's text, unparsed)", () => {
    expect(checkInterface({ at: '2024-01-01T00:00:00Z' }, iface)).toEqual([
      'at is declared date but is "2024-01-01T00:00:00Z"',
    ]);
  });
});
