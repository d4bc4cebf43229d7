import type { Engine } from '../engine/create-engine.js'

/** The part of `createPayhooks()` the console reads and acts through: the operator API. */
export type ConsoleTarget = Pick<
  Engine,
  'providers' | 'records' | 'deliveries' | 'notifications' | 'onDelivery' | 'replay' | 'retryNotifications' | 'reconcileRecord' | 'statusApis'
>
