import { defineConfig, loadEnv } from 'vite';

// No framework plugin: esbuild compiles the JSX for Preact. The production build must run under
// the gateway's CSP (default-src 'self'): no inline script or style, no data: URLs, no CDN.
export default defineConfig(({ mode }) => {
  const env = loadEnv(mode, process.cwd(), 'SAEQ_');
  // `pnpm dev`: the API of a running `pnpm start` (override with SAEQ_API_URL).
  const api = env.SAEQ_API_URL ?? 'http://127.0.0.1:3000';
  return {
    esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
    build: {
      target: 'es2022',
      outDir: 'dist',
      emptyOutDir: true,
      assetsInlineLimit: 0,
      modulePreload: { polyfill: false },
    },
    server: { proxy: { '/v1': api, '/health': api } },
  };
});
