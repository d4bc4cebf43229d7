/** What a command reads and writes: the process in real use, plain objects in tests. */
export interface CliStream {
  write(text: string): unknown
  isTTY?: boolean | undefined
  columns?: number | undefined
}

export interface CliIo {
  stdout: CliStream
  stderr: CliStream
  env: Readonly<Record<string, string | undefined>>
  cwd: string
  /** The whole of standard input, for `--body -`. */
  readStdin(): Promise<string>
}
