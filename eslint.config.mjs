// ESLint for the whole monorepo: type-aware TypeScript rules, the server's import layering, and the web's
// GraphQL operations checked against the committed schema. `pnpm lint` runs it; `npm test` and CI run that.
import graphqlPlugin from '@graphql-eslint/eslint-plugin';
import importX from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

const TS = ['**/*.ts', '**/*.tsx', '**/*.mts'];

// Server layering, bottom to top: common/ and db/ < auth/ < modules/<domain>/ < wiring (graphql/, http/, app, bootstrap, main, cli, entities).
const WIRING = [
  { regex: '^\\.\\.?/(\\.\\./)*(graphql|http|cli)(/|$)', message: 'Server wiring (graphql/, http/, cli/) is the top layer: nothing below it imports it. Shared types belong in common/ (e.g. common/context.ts).' },
  { regex: '^\\.\\.?/(\\.\\./)*(app|bootstrap|main|entities)$', message: 'app.ts, bootstrap.ts, main.ts and entities.ts are server wiring: nothing below them imports them.' },
];
const DOMAIN = { regex: '^\\.\\.?/(\\.\\./)*modules(/|$)', message: 'common/ and db/ are the bottom layer: they know no domain module (pass what they need in as a parameter or a type of their own).' };
const AUTH = { regex: '^\\.\\.?/(\\.\\./)*auth(/|$)', message: 'common/ and db/ know no auth code at run time (type-only imports are allowed: `import type`).', allowTypeImports: true };
// `../<other-module>/<file>` reaches around the other module's index.ts.
const AROUND_INDEX = { regex: '^\\.\\./(?!\\.)[^/]+/.+', message: 'Import another module only through its index.ts (`../park`, not `../park/park.loader`).' };

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**', '**/dist/**', '**/.data/**', 'test-results/**', 'coverage/**',
      'web/src/graphql/generated/**', 'test/bench/**', 'web/scripts/**', '**/*.cjs', '**/*.js', '**/*.mjs',
    ],
  },
  {
    files: TS,
    extends: [tseslint.configs.recommendedTypeChecked],
    plugins: { 'import-x': importX },
    languageOptions: {
      parserOptions: {
        project: ['server/tsconfig.json', 'db/tsconfig.json', 'web/tsconfig.json', 'tsconfig.test.json'],
        tsconfigRootDir: import.meta.dirname,
      },
    },
    settings: {
      'import-x/resolver-next': [importX.createNodeResolver({ extensions: ['.ts', '.tsx', '.mts', '.js', '.json'] })],
      'import-x/extensions': ['.ts', '.tsx', '.mts'],
    },
    rules: {
      // Lazy pages (`lazy(() => import('./MapPage'))` in routes.tsx) import the router back; a dynamic edge is not a load-time cycle.
      'import-x/no-cycle': ['error', { ignoreExternal: true, allowUnsafeDynamicCyclicDependency: true }],
      'import-x/no-self-import': 'error',
      'import-x/no-duplicates': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { prefer: 'type-imports', fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/consistent-type-exports': 'error',
      '@typescript-eslint/no-import-type-side-effects': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      // Rows from pg/TypeORM and GraphQL results are `any` by nature; the typed edges are the entities and generated types.
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      // type-graphql and TypeORM type classes as `Function` (NonEmptyArray<Function>, DataSourceOptions.entities).
      '@typescript-eslint/no-unsafe-function-type': 'off',
      // Interfaces such as Apollo's plugin hooks want async functions that may not await.
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  {
    // Shapefile/DBF/GeoPackage attribute cells and query strings arrive as unknown values that the importer stringifies on purpose.
    files: ['server/src/modules/gis/**/*.ts', 'server/src/http/gis.router.ts'],
    rules: { '@typescript-eslint/no-base-to-string': 'off' },
  },
  {
    files: ['server/src/common/**/*.ts', 'server/src/db/**/*.ts', 'db/src/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: [DOMAIN, AUTH, ...WIRING] }] },
  },
  {
    files: ['server/src/auth/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: [DOMAIN, ...WIRING] }] },
  },
  {
    files: ['server/src/modules/**/*.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: [AROUND_INDEX, ...WIRING] }] },
  },
  {
    files: ['web/src/**/*.graphql'],
    languageOptions: {
      parser: graphqlPlugin.parser,
      parserOptions: { graphQLConfig: { schema: 'schema/schema.graphql', documents: 'web/src/**/*.graphql' } },
    },
    plugins: { '@graphql-eslint': graphqlPlugin },
    rules: {
      ...graphqlPlugin.configs['flat/operations-recommended'].rules,
      // House naming (STYLE.md): route queries `<Route>Query`, fragments `Component_field`, mutations as the hook names them.
      '@graphql-eslint/naming-convention': ['error', { OperationDefinition: { style: 'PascalCase' } }],
    },
  },
);
