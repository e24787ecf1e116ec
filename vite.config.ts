import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The browser client lives in client/ and is built to dist/client, which the Express server
// serves in production. In development `vite` serves it on :5173 and forwards the three server
// planes (REST, Yjs websocket, socket.io) to the Node server on :3000.
//
// No changeOrigin: the Host header stays localhost:5173, matching the browser's Origin, so the
// server's same-origin checks (CSRF, websocket origin) pass exactly as they do in production.
const server = 'http://localhost:3000';

export default defineConfig({
  root: 'client',
  plugins: [react()],
  build: {
    outDir: '../dist/client',
    emptyOutDir: true,
    // Lets tests and the bench find which chunks a page needs (tests/integration/client-bundle-size.test.ts).
    manifest: true,
  },
  server: {
    port: 5173,
    strictPort: true,
    proxy: {
      '/api': { target: server },
      '/collab': { target: server, ws: true },
      '/socket.io': { target: server, ws: true },
    },
  },
  preview: { port: 5173, strictPort: true },
});
