import { defaultClientConditions, defineConfig } from 'vite';
import preact from '@preact/preset-vite';

/**
 * Served by the api under /ui, so every asset URL starts with /ui/. `npm run dev` proxies /v1 and
 * /ui/config.json to a running api (JOBGATE_API_URL, default http://127.0.0.1:8080) so the page
 * keeps same-origin calls.
 */
export default defineConfig({
  base: '/ui/',
  plugins: [preact()],
  resolve: {
    // `@jobgate/contracts/records` from its TypeScript source (the `jobgate-source` export): plain ES
    // modules to tree-shake, and no need to build the Node packages first.
    conditions: ['jobgate-source', ...defaultClientConditions],
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // The bundle must not reach out for anything at run time (CSP `default-src 'self'`).
    assetsInlineLimit: 0,
    sourcemap: true,
  },
  server: {
    proxy: Object.fromEntries(['/v1', '/ui/config.json'].map((path) => [path, process.env.JOBGATE_API_URL ?? 'http://127.0.0.1:8080'])),
  },
});
