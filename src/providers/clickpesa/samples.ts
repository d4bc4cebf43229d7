import type { SamplePayload } from '../../core/test-kit.js'

/**
 * PAYMENT RECEIVED as the current docs print it (providers.md §3.2): `id` "ORD123456LCP7890",
 * `collectedAmount` "10000" without decimals, channel "CRDB DIRECT DEBIT MANDATE", customer with
 * `customer*` names. paymentReference, orderReference and customer values as mirrored from the docs by
 * third-party tests; the times are plausible fill-ins (ISO 8601 with milliseconds and Z).
 */
function currentPaymentReceived(overrides: SamplePayload = {}): SamplePayload {
  return {
    event: 'PAYMENT RECEIVED',
    data: {
      id: 'ORD123456LCP7890',
      status: 'SUCCESS',
      paymentReference: 'abc123def456ghi789',
      orderReference: 'ORD123456',
      collectedAmount: '10000',
      collectedCurrency: 'TZS',
      message: 'success',
      channel: 'CRDB DIRECT DEBIT MANDATE',
      updatedAt: '2026-02-03T09:41:27.512Z',
      createdAt: '2026-02-03T09:40:58.120Z',
      customer: { customerName: 'John Doe', customerEmail: 'john@example.com', customerPhoneNumber: '255700000000' },
    },
    ...overrides,
  }
}

/**
 * The Nov 2025 production webhook an integrator stored (§3.2): `collectedAmount` "500.00", message
 * "Success", AIRTEL-MONEY, `id` "LCPCHL8YV1S", paymentReference "MP251111.1411.M96516". The order
 * reference and times are fill-ins.
 */
function productionPaymentReceived(overrides: SamplePayload = {}): SamplePayload {
  return {
    event: 'PAYMENT RECEIVED',
    data: {
      id: 'LCPCHL8YV1S',
      status: 'SUCCESS',
      paymentReference: 'MP251111.1411.M96516',
      orderReference: 'HS1762862512',
      collectedAmount: '500.00',
      collectedCurrency: 'TZS',
      message: 'Success',
      channel: 'AIRTEL-MONEY',
      updatedAt: '2025-11-11T11:41:52.000Z',
      createdAt: '2025-11-11T11:41:31.000Z',
    },
    ...overrides,
  }
}

/** The March 2025 docs' PAYMENT RECEIVED, verbatim (§3.2): `paymentId`, `amount` "10000.00", `currency`, short customer keys. */
function march2025PaymentReceived(overrides: SamplePayload = {}): SamplePayload {
  return {
    event: 'PAYMENT RECEIVED',
    data: {
      paymentId: 'PAY123456',
      orderReference: 'ORD987654',
      amount: '10000.00',
      currency: 'TZS',
      status: 'SUCCESS',
      customer: { name: 'John Doe', email: 'john@example.com', phone: '255700000000' },
      createdAt: '2024-04-10T18:22:16.949Z',
      updatedAt: '2024-04-10T18:22:56.153Z',
    },
    ...overrides,
  }
}

/** The docs' PAYMENT FAILED, verbatim (§3.2), including its top-level `eventType` key (§3.6.1). */
function paymentFailed(overrides: SamplePayload = {}): SamplePayload {
  return {
    eventType: 'PAYMENT FAILED',
    data: {
      id: '0969231256LCP2C95',
      status: 'FAILED',
      orderReference: '0969231256',
      message: 'Insufficient balance',
      updatedAt: '2024-04-11T04:58:31.036Z',
      createdAt: '2024-04-11T04:58:31.036Z',
    },
    ...overrides,
  }
}

/** The docs' payout samples, verbatim (§3.2); the optional fields ("if available") are all present. */
function payout(event: string, status: string, extra: SamplePayload) {
  return (overrides: SamplePayload = {}): SamplePayload => ({
    event,
    data: {
      updatedAt: '2024-09-02T10:15:30.000Z',
      createdAt: '2024-09-01T14:22:10.000Z',
      id: 'PAY17072CD',
      orderReference: 'order_123456',
      amount: '20000.00',
      currency: 'TZS',
      fee: '2360.00',
      status,
      channel: 'BANK TRANSFER',
      channelProvider: 'Equity Bank Tanzania Limited',
      settlementType: 'ACH',
      notes: 'Payment for invoice no. 123456',
      ...extra,
      beneficiary: {
        accountNumber: '123456789',
        accountName: 'John Doe',
        swiftNumber: 'ABC1234XYZ',
        routingNumber: '110000000',
        beneficiaryMobileNumber: '255600000000',
        beneficiaryEmail: 'johndoe@example.com',
      },
    },
    ...overrides,
  })
}

export const clickpesaSamples = {
  completed: currentPaymentReceived,
  failed: paymentFailed,
  productionPaymentReceived,
  march2025PaymentReceived,
  payoutInitiated: payout('PAYOUT INITIATED', 'SUCCESS', {}),
  payoutRefunded: payout('PAYOUT REFUNDED', 'REFUNDED', {
    refund: { message: 'The payout was refunded due to insufficient balance.', refundedAt: '2024-09-02T09:30:00.000Z' },
  }),
  payoutReversed: payout('PAYOUT REVERSED', 'REVERSED', {
    reverse: {
      message: 'The payout was reversed due to invalid account information.',
      reversedAt: '2024-09-02T09:30:00.000Z',
      reversedWithFee: true,
    },
  }),
}
