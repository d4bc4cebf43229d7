export { callbackNotifier, type CallbackNotifierOptions } from './callback-notifier.js'
export { HTTP_NOTIFIER_TYPES, httpNotifier, type FetchLike, type HttpNotifierBody, type HttpNotifierOptions } from './http-notifier.js'
export { sseNotifier, type SseNotifier, type SseNotifierOptions, type SseRequest } from './sse-notifier.js'
export type { SseResponse } from './sse-response-client.js'
