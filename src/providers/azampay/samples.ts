import type { SamplePayload } from '../../core/test-kit.js'

/**
 * The real sandbox callback of 9 Jan 2026 (providers.md §2.2–§2.3): `user`/`password`/`clientId` null,
 * operator "Mpesa", `reference` a 32-char hex repeated in `externalreference` and `transid`, msisdn
 * "255758285812", `mnoreference` a UUID, amount "60000", message "success", additionalProperties {}.
 * The reference values and `utilityref` are that integrator's (Intruder289/maishaap-backend); in the
 * spec's field order this body is exactly the observed Content-Length, 449 bytes.
 */
function sandboxCallback(transactionstatus: string, message: string) {
  return (overrides: SamplePayload = {}): SamplePayload => ({
    message,
    user: null,
    password: null,
    clientId: null,
    transactionstatus,
    operator: 'Mpesa',
    reference: '5aae72e0e5974f0e8319394167d7708f',
    externalreference: '5aae72e0e5974f0e8319394167d7708f',
    utilityref: 'BOOKING-HSE-000009-1767956005',
    amount: '60000',
    transid: '5aae72e0e5974f0e8319394167d7708f',
    msisdn: '255758285812',
    mnoreference: 'a068932f-09a8-4ff4-82c0-6efa13def8d5',
    submerchantAcc: null,
    additionalProperties: {},
    ...overrides,
  })
}

/**
 * The older shape of AzamPay's official PHP/Python samples and the dart SDK (providers.md §2.3): no
 * user/password/clientId/externalreference/transid/mnoreference. The samples print field names only;
 * `additionalProperties` uses the keys their comment shows (customerId, orderId, total), the rest are
 * plausible fill-ins.
 */
function officialSampleCallback(transactionstatus: string, message: string) {
  return (overrides: SamplePayload = {}): SamplePayload => ({
    msisdn: '255712345678',
    amount: '2000',
    message,
    utilityref: 'WC-ORDER-1042',
    operator: 'Airtel',
    reference: '0c8e2b4d9f1a4e6b8a3c5d7e9f1b2c4d',
    transactionstatus,
    submerchantAcc: null,
    additionalProperties: { customerId: '318', orderId: '1042', total: '2000' },
    ...overrides,
  })
}

export const azampaySamples = {
  completed: sandboxCallback('success', 'success'),
  /** The spec's failure spelling (§2.4); the message of a failed callback was never observed. */
  failed: sandboxCallback('failure', 'failure'),
  /** The spelling AzamPay's own WooCommerce plugin expects (§2.4). */
  failedPlugin: sandboxCallback('failed', 'failed'),
  legacyCompleted: officialSampleCallback('success', 'success'),
  legacyFailed: officialSampleCallback('failure', 'failure'),
}
