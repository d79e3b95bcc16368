import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'build/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    // Cold start (docs/architecture.md § Cold start): the contract's schemas and zod load on the
    // first parse, through contract() in client/request.ts, and are bundled into one file by
    // `npm run build` (zod is not shipped otherwise); standardwebhooks loads on the first
    // delivery. Elsewhere in the app, import only their types.
    files: [
      'index.ts',
      'authentication.ts',
      '{triggers,searches,creates,fields,records,lib,client}/**/*.ts',
    ],
    ignores: ['client/schemas.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['./schemas.js', '**/client/schemas.js'],
              allowTypeImports: true,
              message:
                'Import only types from client/schemas.ts (values: client/enums.ts); the schemas load on first use through contract() (client/request.ts).',
            },
            {
              group: ['zod', 'zod/*'],
              allowTypeImports: true,
              message:
                'zod is bundled into client/schemas.ts alone (a devDependency, not in the zip): put the schema there and use it through contract().',
            },
            {
              group: ['standardwebhooks'],
              allowTypeImports: true,
              message: 'Loaded on first use (lib/signature.ts): import only types.',
            },
          ],
        },
      ],
    },
  },
);
