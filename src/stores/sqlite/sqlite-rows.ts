import { sqlRows, type DeliveryRow as SqlDeliveryRow, type OutboxTableRow as SqlOutboxTableRow, type RecordRow as SqlRecordRow } from '../sql-rows.js'

/** Rows as better-sqlite3 returns them: dates are integer ms, JSON is TEXT, booleans are 0/1. */
export type RecordRow = SqlRecordRow<number>
export type OutboxTableRow = SqlOutboxTableRow<number, string> & { seq: number }
export type DeliveryRow = SqlDeliveryRow<number, string, number>

export const sqliteRows = sqlRows<number, string, number>({
  readTime: (ms) => new Date(ms),
  writeTime: (date) => date.getTime(),
  readJson: (text) => JSON.parse(text),
  readBool: (flag) => flag === 1,
  writeBool: (flag) => (flag ? 1 : 0),
})
