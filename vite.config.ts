// Builds the browser client into dist/client, where the server serves it; in development, proxies the API.
import { defineConfig } from 'vite';

export default defineConfig({
  root: 'client',
  build: {
    outDir: '../dist/client',
    emptyOutDir: true,
    // The server serves /assets/* from dist/client; keep Vite's default folder name so the two agree.
    assetsDir: 'assets',
    target: 'es2022',
  },
  server: {
    proxy: {
      '/api': 'http://localhost:3000',
    },
  },
});
