/**
 * Custom authentication: an API key and the region of the workspace. The test call is GET /me;
 * the connection label is "<workspace name> (<key mode>)", e.g. "Acme Inc. (live)" or, for a
 * test-mode key (contract 1.3), "Acme Inc. (test)", so a user sees which one a zap uses.
 */
import type { Authentication, Bundle, ZObject } from 'zapier-platform-core';
import { getMe } from './client/api.js';
import type { Me } from './client/schemas.js';
import { docsLink } from './fields/docs.js';

const test = async (z: ZObject, _bundle: Bundle): Promise<Me> => getMe(z);

export default {
  type: 'custom' as const,
  fields: [
    {
      key: 'api_key',
      label: 'API Key',
      type: 'password' as const,
      required: true,
      helpText: `Create a key in the NPS platform under **Settings → API Keys** (it starts with \`nps_live_\` or \`nps_test_\`). Give it the scopes of the steps you will use: a read-only key runs triggers and searches, not actions. To try a new zap safely, connect a test-mode key (\`nps_test_\`) first: surveys it sends are never delivered and its responses stay out of your NPS; once the zap does what you want, switch its steps to a connection with a live key (\`nps_live_\`). ${docsLink('How to create an API key', '/api/authentication')}`,
    },
    {
      key: 'region',
      label: 'Region',
      type: 'string' as const,
      required: true,
      default: 'us',
      choices: [
        { value: 'us', label: 'US (api.nps-feedback.example)', sample: 'us' },
        { value: 'eu', label: 'EU (api.eu.nps-feedback.example)', sample: 'eu' },
      ],
      helpText: `Where your workspace is hosted, shown under **Settings → Workspace** in the NPS platform; a key used against the other region is refused. ${docsLink('Regions and data residency', '/api/regions')}`,
    },
  ],
  test,
  connectionLabel: async (_z: ZObject, bundle: Bundle): Promise<string> => {
    const me = bundle.inputData as unknown as Partial<Me>;
    const name = me.workspace?.name ?? 'NPS workspace';
    return me.key?.mode ? `${name} (${me.key.mode})` : name;
  },
} satisfies Authentication;
