/**
 * The layout's written contract, checked by `npm run lint:architecture` (part of `npm test`).
 * README's "How the code is laid out" and docs/decisions/0011-layout-and-architecture-rules.md say the
 * same in prose. Change a rule only with that ADR updated.
 */
module.exports = {
  forbidden: [
    {
      name: "no-cycles",
      comment: "No module may import itself through others: cycles hide which way a dependency runs.",
      severity: "error",
      from: {},
      to: { circular: true },
    },
    {
      name: "utils-are-pure",
      comment: "app/utils holds pure helpers: no database, no model, no route, no server code.",
      severity: "error",
      from: { path: "^app/utils/" },
      to: { path: "^(db/|app/db\\.server|app/models/|app/routes/|app/auth/|server/)" },
    },
    {
      name: "models-stay-below-http",
      comment: "Models are plain (db, input) functions: they import no route, component, server code or Remix.",
      severity: "error",
      from: { path: "^app/models/" },
      to: {
        path: "^(app/routes/|app/components/|app/root|app/entry|app/db\\.server|server/)|(^|/)node_modules/@remix-run/",
      },
    },
    {
      name: "search-stands-alone",
      comment: "The search API and its dialect modules import nothing from the other model folders.",
      severity: "error",
      from: { path: "^app/models/search/" },
      to: { path: "^app/models/", pathNot: "^app/models/search/" },
    },
    {
      name: "components-show-data-only",
      comment: "Components are presentational: they may import a model's types, never its code.",
      severity: "error",
      from: { path: "^app/components/" },
      to: { path: "^(db/|app/db\\.server|app/models/|app/routes/|server/)", dependencyTypesNot: ["type-only"] },
    },
    {
      name: "server-is-http-only",
      comment: "server/ is Express, static files and caches; of the app it calls four model entry points: the reader layer (ADR 18), publishing scheduled stories at their time, the switches of staffed hours, and the moderators' alerts.",
      severity: "error",
      from: { path: "^server/" },
      to: {
        path: "^(app/models/|app/routes/|app/components/)",
        // The model calls server/ makes: a story page's personal layer (ADR 18), publishing
        // scheduled stories at their time (server/scheduled-publisher.ts), and the switches of staffed
        // hours and the moderators' alerts (server/moderation-watch.ts).
        pathNot: "^app/models/(comment/reader-layer|article/publishing|moderation/staffed-hours|moderation/alert)\\.server\\.ts$",
      },
    },
    {
      name: "no-barrels",
      comment: "Import from the file itself: no index files that re-export a folder.",
      severity: "error",
      from: {},
      to: { path: "^app/.*/index\\.tsx?$" },
    },
    {
      name: "app-code-ignores-tests",
      comment: "Nothing the site serves may import test code (the demo seed may use the test factories).",
      severity: "error",
      from: { path: "^(app|server)/" },
      to: { path: "^tests/" },
    },
    {
      name: "no-unresolvable-imports",
      severity: "error",
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "^(build|public)/" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default", "types"],
      extensions: [".ts", ".tsx", ".js", ".mjs", ".cjs", ".json"],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
