import { currencyExponent, type Money, type Transition } from 'payhooks'

const PROVIDER_LABELS: Record<string, string> = {
  midtrans: 'Midtrans',
  azampay: 'AzamPay',
  clickpesa: 'ClickPesa',
  datamart: 'DataMart',
  refract: 'Refract',
}

function formatMoney({ minor, currency }: Money): string {
  const exponent = currencyExponent(currency)
  return `${currency} ${(minor / 10 ** exponent).toFixed(exponent)}`
}

/** One line, short enough for an SMS: "DataMart order GN-1: processing → completed, GHS 23.50". */
export function smsText(transition: Transition): string {
  const { event, from, to } = transition
  const what = `${PROVIDER_LABELS[event.provider] ?? event.provider} ${event.kind} ${transition.record.reference}`
  const amount = event.amount === undefined ? '' : `, ${formatMoney(event.amount)}`
  if (transition.type === 'suspicious') return `${what}: NOT applied (${transition.reason ?? 'suspicious'})${amount}`
  return `${what}: ${from ?? 'new'} → ${to}${amount}`
}
