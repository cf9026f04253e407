// Served by the bench CDN after its script delay: one script round trip, nothing to run.
export {};
