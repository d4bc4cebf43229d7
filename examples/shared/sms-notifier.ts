import { callbackNotifier, type Notifier, type Transition } from 'payhooks'
import { smsText } from './sms-text.js'

/**
 * The "tell the shop owner" notifier of the examples: where a real app would call its SMS gateway, it
 * prints the text and keeps it in `sent` (the test harness and the demo read that array). It runs from
 * payhooks' outbox, after the commit, so a redelivered webhook never sends a second SMS.
 */
export function smsNotifier(sent: string[], print: (line: string) => void = console.log): Notifier {
  const send = (transition: Transition): void => {
    const text = smsText(transition)
    sent.push(text)
    print(`[sms] ${text}`)
  }
  // An underpaid order is texted too, as "NOT applied": onTransition alone never sees it.
  return callbackNotifier(send, { name: 'sms', onSuspicious: send })
}
