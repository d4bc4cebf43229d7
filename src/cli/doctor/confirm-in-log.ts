import type { DeliveryOutcome } from '../../engine/types.js'
import type { Status } from '../../core/status.js'
import { check, type CheckId, type DoctorCheck } from './doctor-check.js'
import type { DoctorInput } from './run-doctor.js'

/**
 * With --store, what the answer claimed is checked where it happened: the newest delivery for the
 * doctor's reference and the record's status. Without it the answer is all there is, and the detail
 * says the rest was not confirmed.
 */
export async function confirmInLog(
  { store, kits, reference }: DoctorInput,
  id: CheckId,
  answered: string,
  expected: { outcome: DeliveryOutcome; status: Status },
): Promise<DoctorCheck> {
  if (store === undefined) return check(id, 'pass', id === 'late' ? `${answered} (not applied: unconfirmed without --store)` : answered)
  const [latest] = await store.deliveries({ provider: kits.provider, reference, limit: 1 })
  const record = await store.getRecord(kits.provider, reference)
  const problems: string[] = []
  if (latest?.outcome !== expected.outcome) problems.push(`the delivery log says ${latest === undefined ? 'nothing' : `'${latest.outcome}'`}, not '${expected.outcome}'`)
  if (record?.status !== expected.status) problems.push(`the record is ${record === null ? 'missing' : `'${record.status}'`}, not '${expected.status}'`)
  return problems.length === 0
    ? check(id, 'pass', `${answered}; delivery log: ${expected.outcome}, record ${expected.status}`)
    : check(id, 'fail', `${answered}, but ${problems.join(' and ')}`)
}
