/** One line of the doctor's report. `id` is stable for scripts (--json); `title` is for people. */
export interface DoctorCheck {
  id: string
  title: string
  result: 'pass' | 'fail' | 'skip'
  detail: string
}

export interface DoctorReport {
  provider: string
  url: string
  reference: string
  /** Whether the delivery log (--store) confirmed what the endpoint did. */
  store: boolean
  checks: DoctorCheck[]
  passed: boolean
}

export const CHECK_TITLES = {
  reachable: 'reachable',
  unsigned: 'unsigned request refused (401)',
  tampered: 'tampered body refused (401)',
  signed: 'signed request accepted',
  redelivery: 'redelivery acknowledged',
  late: 'late delivery acknowledged, not applied',
  testNotification: 'test notification acknowledged',
} as const

export type CheckId = keyof typeof CHECK_TITLES

export const check = (id: CheckId, result: DoctorCheck['result'], detail: string): DoctorCheck => ({ id, title: CHECK_TITLES[id], result, detail })
