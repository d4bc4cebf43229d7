import { describe, expectTypeOf, it } from 'vitest'
import type { Status, WebhookEvent } from '../../src/index.js'
import type { DatamartPayload } from '../../src/providers/datamart/index.js'
import type { DatamartAdapter } from '../../src/providers/datamart/adapter.js'

describe('WebhookEvent narrowing', () => {
  it('narrows status from type', () => {
    const event = {} as WebhookEvent
    if (event.type === 'payment.completed') {
      expectTypeOf(event.status).toEqualTypeOf<'completed'>()
      expectTypeOf(event.kind).toEqualTypeOf<'payment'>()
    }
    if (event.kind === 'test') expectTypeOf(event.status).toEqualTypeOf<undefined>()
    if (event.kind === 'order') expectTypeOf(event.status).toEqualTypeOf<Status>()
  })

  it('rejects a type that does not exist', () => {
    const event = {} as WebhookEvent
    // @ts-expect-error 'payment.paid' is not a status payhooks knows
    if (event.type === 'payment.paid') return
  })

  it("types raw per provider: a parsed Datamart event's raw is the Datamart payload", () => {
    type Parsed = Awaited<ReturnType<DatamartAdapter['parse']>>
    expectTypeOf<Parsed['raw']>().toEqualTypeOf<DatamartPayload>()
    expectTypeOf<Parsed['provider']>().toEqualTypeOf<'datamart'>()
  })
})
