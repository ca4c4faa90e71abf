import { defineConfig } from 'vite';

// Static files for `xborder serve` (web/dist, served at /): relative asset paths, no CDN, no eval.
export default defineConfig({
  root: __dirname,
  base: './',
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022', sourcemap: false, chunkSizeWarningLimit: 800 },
  server: { proxy: { '/v1': 'http://127.0.0.1:8080', '/healthz': 'http://127.0.0.1:8080' } },
});
