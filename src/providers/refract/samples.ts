import type { SamplePayload } from '../../core/test-kit.js'

/**
 * Refract's observed "Successful Checkout" message (providers.md §5.2): author "Successful Checkout |
 * Best Buy US" with the Refract avatar, footer "Prism Technologies", and the labels Product, Price
 * ("$299.99"), Profile, Proxy Details ("<group> | <proxy URL>"), Share Link (a masked "Click Here"
 * link), Order Number ("#BBY01-807102506907"), Email and Image. Values §5.2 does not print (product,
 * profile, proxy, e-mail, links, timestamp, colour) are plausible fill-ins; the proxy URL carries
 * credentials on purpose, as real ones do.
 */
const AVATAR = 'https://cdn.prismaio.com/refract/avatar.png'
const FOOTER = { text: 'Prism Technologies', icon_url: AVATAR }
const TIMESTAMP = '2025-11-14T18:32:05.000Z'

const ORDER_LINES: readonly (readonly [label: string, value: string])[] = [
  ['Product', 'Mini Kit AC Dual Band Wi-Fi System - White'],
  ['Price', '$299.99'],
  ['Profile', 'Main Profile #8'],
  ['Proxy Details', 'Resi Pool | http://user-7f3a:p4ss@resi.proxy.example:5959/'],
  ['Share Link', '[Click Here](https://share.example/refract/c/8f2k1q)'],
  ['Order Number', '#BBY01-807102506907'],
  ['Email', 'checkout@example.com'],
  ['Image', 'https://images.example/products/6520468.jpg'],
]

const orderText = () => ORDER_LINES.map(([label, value]) => `${label}\n${value}`).join('\n')

function embedMessage(heading: string, color: number, order: 'fields' | 'description') {
  return (overrides: SamplePayload = {}): SamplePayload => ({
    embeds: [
      {
        author: { name: heading, icon_url: AVATAR },
        color,
        ...(order === 'fields'
          ? { fields: ORDER_LINES.map(([name, value]) => ({ name, value, inline: true })) }
          : { description: orderText() }),
        footer: FOOTER,
        timestamp: TIMESTAMP,
      },
    ],
    ...overrides,
  })
}

/** The same message as plain `content` (a Discord webhook without embeds), heading on the first line. */
function contentMessage(heading: string) {
  return (overrides: SamplePayload = {}): SamplePayload => ({
    username: 'Refract',
    avatar_url: AVATAR,
    content: `${heading}\n${orderText()}`,
    ...overrides,
  })
}

/**
 * The "Test Notification" button sends a message without order data (providers.md §5.2); its exact
 * text is not public, so this is a Refract-styled embed with no order fields.
 */
const testNotification = (overrides: SamplePayload = {}): SamplePayload => ({
  username: 'Refract',
  avatar_url: AVATAR,
  embeds: [
    {
      title: 'Test Notification',
      description: 'Your webhook is set up correctly.',
      color: 5763719,
      footer: FOOTER,
      timestamp: TIMESTAMP,
    },
  ],
  ...overrides,
})

export const refractSamples = {
  /** Order data in embed `fields[]`, as the rendered message suggests (§5.2). */
  completed: embedMessage('Successful Checkout | Best Buy US', 5763719, 'fields'),
  /** Order data in `description`, as the integrator simulated it (§5.2). */
  completedDescription: embedMessage('Successful Checkout | Best Buy US', 5763719, 'description'),
  completedContent: contentMessage('Successful Checkout | Best Buy US'),
  /** A declined checkout; the heading wording is not documented (see status-table.ts). */
  failed: embedMessage('Payment Declined | Best Buy US', 15548997, 'fields'),
  testNotification,
}
