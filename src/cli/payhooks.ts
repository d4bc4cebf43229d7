// The `payhooks` executable (package.json "bin"); tsup adds the #!/usr/bin/env node line.
import { text } from 'node:stream/consumers'
import { runCli } from './run-cli.js'

const code = await runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  cwd: process.cwd(),
  readStdin: () => text(process.stdin),
})
// Writes to pipes and files are synchronous on POSIX; exiting here does not wait on a stray handle
// (a pg pool's idle timer, a config's own timers).
process.exit(code)
