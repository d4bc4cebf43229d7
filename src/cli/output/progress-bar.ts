import type { ReconcileProgress } from '../../engine/reconcile.js'
import type { CliStream } from '../io.js'
import type { Style } from './style.js'

const BAR_WIDTH = 24

export interface ProgressReporter {
  update(progress: ReconcileProgress): void
  /** Ends the bar's line (on a terminal). */
  finish(): void
}

/**
 * On a terminal, one bar redrawn in place (`\r`, clear line); elsewhere (a pipe, a log file, CI) a line
 * per record, which greps and tails well.
 */
export function progressReporter(stream: CliStream, style: Style): ProgressReporter {
  const tty = stream.isTTY === true
  let drawn = false
  return {
    update({ done, total, provider, reference, outcome }) {
      const counter = `${done}/${total}`
      const what = `${provider} ${reference} ${outcome}`
      if (!tty) {
        stream.write(`${counter} ${what}\n`)
        return
      }
      const filled = total === 0 ? BAR_WIDTH : Math.round((done / total) * BAR_WIDTH)
      const bar = style.paint('green', '█'.repeat(filled)) + style.paint('dim', '░'.repeat(BAR_WIDTH - filled))
      // A pty whose size was never set reports 0 columns.
      const room = Math.max(0, (stream.columns || 80) - BAR_WIDTH - counter.length - 6)
      stream.write(`\r\u001b[2K${bar} ${counter}  ${what.length > room ? `${what.slice(0, Math.max(0, room - 1))}…` : what}`)
      drawn = true
    },
    finish() {
      if (tty && drawn) stream.write('\n')
    },
  }
}
