import type { RecordState } from '../../engine/types.js'
import { sqlRows, type DeliveryRow as SqlDeliveryRow, type OutboxTableRow as SqlOutboxTableRow, type RecordRow as SqlRecordRow } from '../sql-rows.js'

/** Rows as pg returns them: timestamptz as Date, jsonb parsed, booleans as booleans, bigint as a string. */
export type RecordRow = SqlRecordRow<Date>
export type OutboxTableRow = SqlOutboxTableRow<Date, unknown>
export type DeliveryRow = SqlDeliveryRow<Date, unknown, boolean>

/** A locked row: status NULL marks the placeholder apply() inserts before a record exists. */
export type LockedRow = Omit<RecordRow, 'status'> & { status: string | null }

const same = <T>(value: T): T => value

export const postgresRows = sqlRows<Date, unknown, boolean>({
  readTime: same,
  writeTime: same,
  readJson: same,
  readBool: same,
  writeBool: same,
})

/** The record a locked row holds, or null for a placeholder. */
export function lockedRecord(row: LockedRow): RecordState | null {
  return row.status === null ? null : postgresRows.recordFromRow(row as RecordRow)
}
