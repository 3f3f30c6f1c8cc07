import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

// Runtime boundaries (ARCHITECTURE.md): shared imports nothing of the others; app/sw and server
// never import each other. TypeScript project references enforce the libs; this enforces imports.
// `allow` names the subfolders of a banned folder that may be imported (the service worker runs the
// outbox, src/app/outbox, and the messages queue, src/app/messages, both written for both runtimes,
// and words from the locale files, src/app/i18n/locales, for its notifications).
const boundary = (from, banned, allow = {}) => ({
  files: [`src/${from}/**/*.{ts,tsx}`],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: banned.map((b) =>
          allow[b]
            ? {
                regex: `(^|/)${b}(/(?!${allow[b]}(/|$)).*)?$`,
                message: `src/${from} must not import src/${b} except src/${b}/${allow[b]} (see ARCHITECTURE.md, Layout).`,
              }
            : {
                // `./${b}` is a sibling inside src/${from} (src/server/app.ts), not src/${b}.
                group: [`**/${b}/*`, `**/${b}`, `!./${b}`],
                message: `src/${from} must not import src/${b} (see ARCHITECTURE.md, Layout).`,
              },
        ),
      },
    ],
  },
});

export default tseslint.config(
  { ignores: ['dist', 'dist-server', 'data', 'node_modules', 'coverage', 'dev-dist'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
  {
    files: ['src/app/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  boundary('shared', ['app', 'sw', 'server']),
  boundary('app', ['server', 'sw']),
  boundary('sw', ['server', 'app'], { app: '(outbox|messages|i18n/locales)' }),
  boundary('server', ['app', 'sw']),
  {
    files: ['src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/app/*', '**/sw/*', '**/server/*'],
              message: 'shared imports nothing of the others.',
            },
            { group: ['node:*'], message: 'shared runs anywhere: no node:* modules.' },
          ],
        },
      ],
    },
  },
);
