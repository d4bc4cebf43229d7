import type { TransitionException } from '../../core/adapter.js'
import type { Status } from '../../core/status.js'
import type { AzampayTransactionStatus } from './schema.js'

/**
 * `transactionstatus`, lower-cased. AzamPay's spec says `failure`, its own WooCommerce plugin expects
 * `failed` (providers.md §2.4): both mean failed. Anything else is undocumented and becomes kind 'unknown'.
 */
export const AZAMPAY_TRANSACTION_STATUS = {
  success: 'completed',
  failure: 'failed',
  failed: 'failed',
} as const satisfies Record<AzampayTransactionStatus, Status | null>

export function azampayStatus(transactionStatus: string): Status | null {
  const key = transactionStatus.toLowerCase()
  return Object.hasOwn(AZAMPAY_TRANSACTION_STATUS, key) ? AZAMPAY_TRANSACTION_STATUS[key as AzampayTransactionStatus] : null
}

/**
 * None: a later success after a failed attempt on the same reference is the general money-wins rule
 * (design.md §5), not an exception of this provider's.
 */
export const AZAMPAY_TRANSITION_EXCEPTIONS: readonly TransitionException[] = []
