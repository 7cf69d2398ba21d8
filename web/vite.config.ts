import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import postcssPresetMantine from 'postcss-preset-mantine';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const here = path.dirname(fileURLToPath(import.meta.url));
// `vite dev` proxies the API to a running server; ATENDE_API_URL points it elsewhere.
const backend = process.env.ATENDE_API_URL ?? 'http://localhost:3000';

export default defineConfig({
  root: here,
  publicDir: path.join(here, 'public'),
  plugins: [react()],
  resolve: {
    alias: { '@contracts': path.resolve(here, '../contracts') },
  },
  css: {
    postcss: { plugins: [postcssPresetMantine()] },
  },
  build: {
    outDir: path.join(here, 'dist'),
    emptyOutDir: true,
    rollupOptions: {
      // zod ships comments Rollup cannot place; the warning is noise about a dependency, not our code.
      onwarn(warning, warn) {
        if (warning.code === 'INVALID_ANNOTATION' && warning.id?.includes('node_modules')) return;
        warn(warning);
      },
      output: {
        // Dependencies change less often than the app: a separate chunk stays cached across releases.
        manualChunks: (id) => (id.includes('node_modules') ? 'vendor' : undefined),
      },
    },
    chunkSizeWarningLimit: 1200,
  },
  server: {
    proxy: {
      '/api': { target: backend, changeOrigin: true },
      '/healthz': { target: backend, changeOrigin: true },
      '/realtime': { target: backend, changeOrigin: true, ws: true },
    },
  },
});
