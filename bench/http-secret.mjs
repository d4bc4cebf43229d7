/** Shared by the HTTP benchmark's server and load processes. */
export const BENCH_SECRET = 'bench-http-secret-5be1'
