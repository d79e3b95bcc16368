/**
 * lint:zapier, D: authentication and credentials: each rule of
 * zapier-lint/checks/definition/authentication.ts on a definition that breaks it (the
 * whole lint then finds that rule only) and on one that passes it.
 */
import type { Field } from '../../zapier-lint/definition.js';
import { idsAfter, idsWithCreateInput } from './fixture.js';

describe('lint:zapier D: authentication and credentials', () => {
  it('D001: an operation input that collects a credential', () => {
    for (const key of ['api_key', 'api_token', 'user_password']) {
      expect(
        idsWithCreateInput({
          key,
          label: 'Other Credential',
          helpText: 'A credential of the other tool.',
        }),
      ).toEqual(['D001']);
    }
    expect(
      idsWithCreateInput({ key: 'tag_name', label: 'Tag Name', helpText: 'A tag for the item.' }),
    ).toEqual([]);
  });

  it('D002: an auth field whose help has no markdown link (a bare or http link does not count)', () => {
    expect(
      idsAfter((app) => {
        app.authentication!.fields![0]!.helpText = 'Create one under Settings, API keys.';
      }),
    ).toEqual(['D002']);
    expect(
      idsAfter((app) => {
        app.authentication!.fields![0]!.helpText =
          'See [API keys](http://docs.example.com/api-keys).';
      }),
    ).toContain('D002');
  });

  it('D003: no connection label, a constant one, or one that shows a credential', () => {
    const label = (connectionLabel: unknown) =>
      idsAfter((app) => {
        app.authentication!.connectionLabel = connectionLabel;
      });
    expect(label(undefined)).toEqual(['D003']);
    expect(label('Acme')).toEqual(['D003']);
    expect(label('{{bundle.authData.api_key}}')).toEqual(['D003']);
    expect(label('{{token}}')).toEqual(['D003']);
    expect(
      label(
        (_z: unknown, bundle: { authData: { api_key: string } }) =>
          `Key ${bundle.authData.api_key.slice(-4)}`,
      ),
    ).toEqual(['D003']);
    expect(label('{{user}} @ {{team}}')).toEqual([]);
  });

  it('D026: an authentication field asking for a domain, or using inputFormat', () => {
    expect(
      idsAfter((app) => {
        app.authentication!.fields!.push({
          key: 'subdomain',
          label: 'Subdomain',
          helpText:
            'The part before .acme.example.com, see [Workspaces](https://acme.example.com/w).',
        });
      }),
    ).toEqual(['D026']);
    expect(
      idsAfter((app) => {
        app.authentication!.fields!.push({
          key: 'workspace',
          label: 'Workspace',
          inputFormat: 'https://{{input}}.acme.example.com',
          helpText: 'Your workspace, see [Workspaces](https://acme.example.com/w).',
        } as Field);
      }),
    ).toEqual(['D026']);
  });
});
