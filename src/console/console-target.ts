import type { Payhooks } from '../engine/create-payhooks.js'

/** The part of `createPayhooks()` the console reads and acts through: the operator API. */
export type ConsoleTarget = Pick<
  Payhooks,
  'providers' | 'records' | 'deliveries' | 'notifications' | 'onDelivery' | 'replay' | 'retryNotifications' | 'reconcileRecord' | 'reconcile'
>
