// npm run build, second step: compiles the server (server.ts, server/, the db/ and app/ modules they
// import) into one plain JavaScript file, build/server.js, which "npm run serve" runs with plain node.
// Running the TypeScript through tsx in production cost about 50 MB of memory (the loader, its caches
// and an esbuild child process); see docs/decisions/0009-compiled-server-and-heap-limits.md.
//
// It runs after "remix vite:build", which empties build/ first. Packages stay in node_modules (Vite
// leaves bare imports outside a server bundle), so the native ones load as they always do.
import { fileURLToPath } from "node:url";
import { build } from "vite";

await build({
  configFile: false,
  logLevel: "warn",
  resolve: {
    // The same "~/" alias as tsconfig.json and vite.config.ts, for app modules the server imports.
    alias: { "~": fileURLToPath(new URL("../app", import.meta.url)) },
  },
  build: {
    ssr: "server.ts",
    outDir: "build",
    emptyOutDir: false,
    target: "node20",
    rollupOptions: { output: { entryFileNames: "server.js" } },
  },
});
