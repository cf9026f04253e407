// `ng serve` (npm run dev) serves the app; this forwards /api to its backend, `node server.mjs`, so the element's
// relative endpoint works the same in development and production. API_ORIGIN: where that backend listens.
export default {
  '/api': { target: process.env.API_ORIGIN ?? 'http://localhost:3000', secure: false },
};
