/**
 * The direction rules of the architecture (the README's map of the code), checked by `npm test`:
 * dependencies point inward, and the small programs stay small. Type-only imports count too.
 */
const HONO = '^node_modules/(hono|@hono/[^/]+)/';
const PREACT = '^node_modules/(preact|@preact/[^/]+)/';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'shared-is-isomorphic',
      comment: 'shared/ is read by the server and the widget alike, so it imports neither of them',
      severity: 'error',
      from: { path: '^shared/' },
      to: { path: '^(server|widget|scripts)/' },
    },
    {
      name: 'shared-has-no-node-modules',
      comment: 'shared/ runs in the browser as well as in Node: no node:* modules',
      severity: 'error',
      from: { path: '^shared/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'shared-has-no-framework',
      comment: 'shared/ is plain TypeScript: Hono belongs to the server, Preact to the widget',
      severity: 'error',
      from: { path: '^shared/' },
      to: { path: [HONO, PREACT] },
    },
    {
      name: 'storage-and-delivery-know-no-http',
      comment: 'storage/ and delivery/ are used by the CLI and tests as well as by the routes',
      severity: 'error',
      from: { path: '^server/(storage|delivery)/' },
      to: { path: HONO },
    },
    {
      name: 'auth-knows-no-http',
      comment: 'auth/ states its rules in domain terms; http/ maps them to responses',
      severity: 'error',
      from: { path: '^server/auth/' },
      to: { path: '^server/http/' },
    },
    {
      name: 'only-main-imports-the-app',
      comment: 'app.ts composes every route: main.ts, tests and the benchmarks build it, nothing else',
      severity: 'error',
      from: { pathNot: '^(server/main\\.ts|test/|bench/)' },
      to: { path: '^server/app\\.ts$' },
    },
    {
      name: 'loader-and-count-import-nothing',
      comment:
        'embed.js and count.js are tiny programs of their own on every article page (embed.js bundles widget/loader/)',
      severity: 'error',
      from: { path: '^widget/(loader|count)\\.ts$|^widget/loader/' },
      to: { pathNot: '^widget/loader/' },
    },
    {
      name: 'state-knows-no-components',
      comment: 'state/ holds signals and rules without JSX; components/ render it, never the reverse',
      severity: 'error',
      from: { path: '^widget/[^/]+/state/' },
      to: { path: '^widget/[^/]+/components/' },
    },
    {
      name: 'first-paint-needs-no-preact',
      comment:
        'the reading path draws the thread with the DOM (widget/app/first-paint/); Preact comes with interactive.tsx, lazily',
      severity: 'error',
      from: { path: '^widget/app/([^/]+\\.ts$|first-paint/|state/)' },
      to: { path: '^node_modules/(preact|@preact/signals/)', dependencyTypesNot: ['type-only'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
  },
};
