/// <reference types="vitest/config" />
import { defineConfig } from "vite";
import preact from "@preact/preset-vite";

declare const process: { env: Record<string, string | undefined> };

// The C++ server serves dist/ as static files (SPA fallback to index.html) and the JSON API
// under /api/v1 on the same origin. `npm run dev` proxies /api to HAVEN_API (default: the
// mock server from tests/e2e/mock-server.mjs on port 8787).
export default defineConfig({
  plugins: [preact()],
  base: "/",
  build: {
    outDir: "dist",
    sourcemap: false,
    target: "es2020",
  },
  server: {
    proxy: {
      "/api": process.env.HAVEN_API ?? "http://127.0.0.1:8787",
    },
  },
  test: {
    environment: "node",
    include: ["src/**/*.test.ts"],
  },
});
