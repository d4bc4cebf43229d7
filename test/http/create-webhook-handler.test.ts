import { describe, expect, it } from 'vitest'
import type { WebhookRequest } from '../../src/core/request.js'
import { createWebhookHandler, type HttpRuntime, type WebhookTarget } from '../../src/http/create-webhook-handler.js'

interface FakeRequest {
  url: string
  method: string
  headers: Record<string, string>
  body: Uint8Array
}

describe('createWebhookHandler: the request handed to hooks.handle', () => {
  it('carries exactly the body, headers, url and method read from the runtime, as a plain object of those four fields', async () => {
    const seen: WebhookRequest[] = []
    const target: WebhookTarget = {
      providers: ['datamart'],
      maxBodyBytes: 1024,
      handle: async (_provider, req) => {
        seen.push(req)
        return { status: 200, headers: {}, body: '' }
      },
      refuse: async () => ({ status: 500, headers: {}, body: '' }),
    }
    const runtime: HttpRuntime<FakeRequest, null, number> = {
      url: (req) => req.url,
      method: (req) => req.method,
      headers: (req) => req.headers,
      readBody: async (req) => ({ ok: true, body: req.body }),
      send: (_res, response) => response.status,
    }
    const request: FakeRequest = {
      url: '/hooks/datamart?x=1',
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-datamart-signature': 'abc' },
      body: new TextEncoder().encode('{"event":"order.completed"}'),
    }
    expect(await createWebhookHandler(target, runtime)(request, null)).toBe(200)
    const [handed] = seen
    // What `{ ...request, body }` used to give, field for field and in the same key order.
    expect(handed).toEqual({ body: request.body, headers: request.headers, url: request.url, method: request.method })
    expect(Object.keys(handed!)).toEqual(['body', 'headers', 'url', 'method'])
    expect(handed!.body).toBe(request.body)
    expect(handed!.headers).toBe(request.headers)
  })
})
