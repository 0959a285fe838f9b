import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { compression } from 'vite-plugin-compression2';

// The dev server proxies the API so the browser sees one origin (no CORS, same auth header path as production).
const api = process.env.ATLAS_API_URL ?? 'http://127.0.0.1:4000';

export default defineConfig({
  // Precompressed .br and .gz beside each asset; the server sends them to browsers that accept them.
  plugins: [react(), compression({ algorithms: ['brotliCompress', 'gzip'], include: /\.(js|mjs|css|html|svg|json)$/, threshold: 1024 })],
  server: {
    host: '127.0.0.1',
    port: 5173,
    proxy: {
      '/graphql': { target: api, changeOrigin: true },
      '/ogc': { target: api, changeOrigin: true },
      '/api': { target: api, changeOrigin: true },
    },
  },
  preview: {
    proxy: {
      '/graphql': { target: api, changeOrigin: true },
      '/ogc': { target: api, changeOrigin: true },
      '/api': { target: api, changeOrigin: true },
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    rolldownOptions: {
      output: {
        // MapLibre (the bulk of the map page) in its own long-cached chunk, fetched only when the map page loads.
        advancedChunks: { groups: [{ name: 'maplibre', test: /node_modules[\\/]maplibre-gl[\\/].*\.m?js$/ }] },
      },
    },
  },
});
