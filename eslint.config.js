// Lint: typescript-eslint's type-checked rules (floating promises, misused promises, unsafe
// `any` across boundaries) over everything TypeScript, plain recommended rules over the .mjs
// scripts; Prettier owns the layout (eslint-config-prettier turns the layout rules off).
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'dist-*/', 'artifacts/', 'node_modules/', '.tmp/', 'bin/', 'test/e2e/zz-*.ts'] },
  js.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
      // Stores and hubs are factories returning closures, not classes: none of them uses
      // `this`, and passing `store.setFilter` as a callback is the intended use.
      '@typescript-eslint/unbound-method': 'off',
    },
  },
  {
    // Tests read files and browser state that are JSON by nature (exports, manifests, page
    // results) and check them with assertions; `any` stays forbidden as a written type.
    files: ['test/**/*.{ts,tsx}', 'bench/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      // Fakes of async browser APIs answer at once.
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    files: ['**/*.{js,mjs}'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
  prettier,
);
