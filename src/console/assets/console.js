// The payhooks console page. Every value that came from a provider (references, product names, error
// text, headers, bodies) goes into the page as a text node or an attribute value and is never parsed
// as markup. No framework, no chart library: the charts are SVG built here.
'use strict'
;(function () {
  const base = document.documentElement.dataset.base || ''
  const SVG = 'http://www.w3.org/2000/svg'
  const OUTCOMES = ['applied', 'duplicate', 'stale', 'suspicious', 'rejected', 'other']
  const FEED_ROWS = 200
  let csrf = ''
  let statusApi = {}
  let chartSpan = 'hour'
  let stuckMinutes = 10

  /** el('td', { className: 'x', dataset: { id } }, 'text', child): children are text or nodes, never HTML. */
  function el(tag, props, ...children) {
    const node = document.createElement(tag)
    for (const [key, value] of Object.entries(props || {})) {
      if (value === undefined || value === null) continue
      if (key === 'dataset') Object.assign(node.dataset, value)
      else if (key.startsWith('on')) node.addEventListener(key.slice(2), value)
      else if (key === 'className') node.className = value
      else node.setAttribute(key, String(value))
    }
    for (const child of children) {
      if (child === undefined || child === null || child === false) continue
      node.append(typeof child === 'string' || typeof child === 'number' ? document.createTextNode(String(child)) : child)
    }
    return node
  }

  function svg(tag, attrs) {
    const node = document.createElementNS(SVG, tag)
    for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, String(value))
    return node
  }

  function replace(id, ...children) {
    const target = document.getElementById(id)
    target.replaceChildren(...children.filter((child) => child !== null && child !== undefined))
    return target
  }

  function time(value) {
    if (!value) return '—'
    const date = new Date(value)
    return date.toLocaleTimeString([], { hour12: false }) + (Date.now() - date.getTime() > 86400000 ? ' ' + date.toLocaleDateString() : '')
  }

  function ago(value) {
    if (!value) return 'never'
    const seconds = Math.max(0, Math.round((Date.now() - new Date(value).getTime()) / 1000))
    if (seconds < 90) return seconds + ' s ago'
    if (seconds < 5400) return Math.round(seconds / 60) + ' min ago'
    if (seconds < 129600) return Math.round(seconds / 3600) + ' h ago'
    return Math.round(seconds / 86400) + ' d ago'
  }

  let toastTimer
  function toast(text) {
    const node = document.getElementById('toast')
    node.textContent = text
    node.classList.add('shown')
    clearTimeout(toastTimer)
    toastTimer = setTimeout(() => node.classList.remove('shown'), 4000)
  }

  async function call(path, init) {
    const response = await fetch(base + '/api/' + path, Object.assign({ credentials: 'same-origin', cache: 'no-store' }, init))
    if (response.status === 401) {
      // Signed out (expired session, rotated token): the page itself shows the sign-in form.
      location.reload()
      throw new Error('signed out')
    }
    const body = await response.json()
    if (!response.ok) throw new Error((body.error && body.error.message) || 'HTTP ' + response.status)
    return body
  }

  const get = (path) => call(path, { method: 'GET' })
  const post = (path, body) =>
    call(path, { method: 'POST', headers: { 'content-type': 'application/json', 'x-payhooks-csrf': csrf }, body: JSON.stringify(body) })

  /** A button that posts an action, disables itself meanwhile and reports the result. */
  function actionButton(label, run, className) {
    const button = el('button', { type: 'button', className }, label)
    button.addEventListener('click', async (event) => {
      event.stopPropagation()
      button.disabled = true
      try {
        toast(await run())
      } catch (error) {
        toast(label + ' failed: ' + error.message)
      } finally {
        button.disabled = false
      }
    })
    return button
  }

  function statusChange(entry) {
    if (entry.to) return (entry.from || 'new') + ' → ' + entry.to
    return entry.status || ''
  }

  function detailsText(details) {
    if (!details) return ''
    return Object.entries(details).map(([key, value]) => key + ': ' + value).join(' · ')
  }

  // ---- live feed -------------------------------------------------------------------------------

  function feedRow(entry, fresh) {
    const kind = entry.outcome === 'test' ? 'test' : entry.outcome
    const outcome = el('td', { className: 'outcome' }, entry.outcome, entry.errorCode ? ' ' + entry.errorCode : '', entry.source !== 'webhook' ? ' (' + entry.source + ')' : '')
    if (entry.hint) outcome.append(el('span', { className: 'hint' }, entry.hint))
    return el(
      'tr',
      { className: 'clickable ' + kind + (fresh ? ' fresh' : ''), dataset: { id: entry.id, outcome: entry.outcome, reference: entry.reference || '' }, onclick: () => showDelivery(entry.id) },
      el('td', { className: 'nowrap' }, time(entry.receivedAt)),
      el('td', { className: 'nowrap' }, entry.provider),
      outcome,
      el('td', { className: 'reference' }, entry.reference || '—'),
      el('td', { className: 'nowrap' }, statusChange(entry)),
      el('td', { className: 'nowrap' }, entry.amount || ''),
      el('td', { className: 'details' }, detailsText(entry.details)),
    )
  }

  /** Newest first, whichever way a delivery arrived (pushed live, or read from the database); false if shown already. */
  function addToFeed(entry, fresh) {
    const body = document.querySelector('#feed tbody')
    if (body.querySelector('tr[data-id="' + CSS.escape(entry.id) + '"]')) return false
    const row = feedRow(entry, fresh)
    const received = new Date(entry.receivedAt).getTime()
    row.dataset.received = String(received)
    const next = Array.from(body.children).find((other) => Number(other.dataset.received) < received)
    body.insertBefore(row, next || null)
    while (body.children.length > FEED_ROWS) body.lastElementChild.remove()
    return true
  }

  /** Deliveries the push did not bring (other instances, runtimes without cross-request streams) come from the log. */
  async function pollFeed() {
    const { deliveries } = await get('deliveries')
    let added = false
    for (const delivery of deliveries) added = addToFeed(delivery, true) || added
    if (added) refreshSoon()
  }

  let refreshTimer
  /** After live activity the store-backed lists change too; refresh them once things settle. */
  function refreshSoon() {
    clearTimeout(refreshTimer)
    refreshTimer = setTimeout(() => {
      loadOutbox()
      loadStuck()
      loadHealth()
    }, 300)
  }

  function connectFeed() {
    const connection = document.getElementById('connection')
    const source = new EventSource(base + '/api/feed')
    source.addEventListener('open', () => {
      connection.textContent = 'live'
      connection.className = 'connection live'
    })
    source.addEventListener('error', () => {
      // EventSource reconnects by itself; say so meanwhile.
      connection.textContent = 'reconnecting…'
      connection.className = 'connection down'
    })
    source.addEventListener('delivery', (message) => {
      addToFeed(JSON.parse(message.data), true)
      refreshSoon()
    })
  }

  // ---- delivery detail --------------------------------------------------------------------------

  async function showDelivery(id) {
    const { delivery } = await get('deliveries/' + encodeURIComponent(id))
    const section = document.getElementById('detail-section')
    section.hidden = false
    const facts = el(
      'table',
      {},
      el(
        'tbody',
        {},
        ...[
          ['id', delivery.id],
          ['received', new Date(delivery.receivedAt).toLocaleString()],
          ['provider', delivery.provider],
          ['source', delivery.source],
          ['verified', delivery.verified ? 'yes' : 'no'],
          ['outcome', delivery.outcome + (delivery.errorCode ? ' ' + delivery.errorCode : '')],
          ['reference', delivery.reference || '—'],
          ['request', (delivery.method || '') + ' ' + (delivery.url || '')],
        ].map(([name, value]) => el('tr', {}, el('th', {}, name), el('td', {}, value))),
      ),
    )
    const replay = delivery.replayable
      ? actionButton('Replay', async () => {
          const result = await post('replay', { id: delivery.id })
          refreshSoon()
          return 'Replayed: ' + result.outcome
        })
      : null
    replace(
      'detail',
      facts,
      replay ? el('p', {}, 'Verified when received and answered 503 because the store was down: ', replay) : null,
      el('h3', {}, 'Headers (redacted)'),
      el('pre', { id: 'detail-headers' }, JSON.stringify(delivery.headers, null, 2)),
      el('h3', {}, 'Body (redacted)'),
      el('pre', { id: 'detail-body' }, delivery.body),
    )
    section.scrollIntoView({ block: 'nearest' })
  }

  // ---- records ---------------------------------------------------------------------------------

  function reconcileButton(provider, reference) {
    return actionButton('Reconcile now', async () => {
      const { results } = await post('reconcile', { provider, reference })
      loadStuck()
      rerunSearch()
      const result = results[0]
      return reference + ': ' + result.outcome + (result.record ? ' (' + result.record.status + ')' : '') + (result.error ? ' ' + result.error.code : '')
    }, 'reconcile')
  }

  function recordTable(records, withButton) {
    return el(
      'table',
      { className: 'records' },
      el('thead', {}, el('tr', {}, el('th', {}, 'provider'), el('th', {}, 'reference'), el('th', {}, 'status'), el('th', {}, 'expected'), el('th', {}, 'updated'), el('th', {}, ''))),
      el(
        'tbody',
        {},
        ...records.map((record) =>
          el(
            'tr',
            { dataset: { reference: record.reference, status: record.status } },
            el('td', {}, record.provider),
            el('td', { className: 'reference' }, record.reference),
            el('td', { className: 'status' }, record.status, record.providerStatus ? ' (' + record.providerStatus + ')' : ''),
            el('td', {}, record.expectedAmount || ''),
            el('td', {}, ago(record.updatedAt)),
            el('td', {}, withButton && record.open && statusApi[record.provider] && statusApi[record.provider].supported ? reconcileButton(record.provider, record.reference) : ''),
          ),
        ),
      ),
    )
  }

  let lastSearch = ''
  async function search(reference) {
    lastSearch = reference
    const { records } = await get('records?reference=' + encodeURIComponent(reference))
    replace('search-results', records.length === 0 ? el('p', { className: 'note' }, 'No record with that reference.') : recordTable(records, true))
  }
  const rerunSearch = () => (lastSearch ? search(lastSearch).catch(() => {}) : undefined)

  async function loadStuck() {
    const { providers } = await get('stuck?minutes=' + encodeURIComponent(String(stuckMinutes)))
    replace(
      'stuck',
      ...providers.map(({ provider, statusApi: support, records }) => {
        const heading = el('h3', {}, provider + ' ', el('span', { className: 'note' }, '(' + records.length + ' stuck)'))
        if (!support.supported) return el('div', { className: 'provider', dataset: { provider } }, heading, el('p', { className: 'unsupported' }, 'No status API: ' + support.reason))
        const all =
          records.length > 0
            ? actionButton('Reconcile all', async () => {
                const { results } = await post('reconcile', { provider, all: true, minutes: stuckMinutes })
                loadStuck()
                rerunSearch()
                return provider + ': reconciled ' + results.length + ', ' + results.filter((r) => r.outcome === 'applied').length + ' changed'
              }, 'reconcile-all')
            : null
        return el('div', { className: 'provider', dataset: { provider } }, heading, all, records.length > 0 ? recordTable(records, true) : el('p', { className: 'note' }, 'Nothing stuck.'))
      }),
    )
  }

  // ---- outbox ----------------------------------------------------------------------------------

  function outboxTable(rows, title) {
    if (rows.length === 0) return el('p', { className: 'note' }, title + ': none.')
    return el(
      'div',
      {},
      el('h3', {}, title),
      el(
        'table',
        { className: 'outbox' },
        el('thead', {}, el('tr', {}, ...['notifier', 'reference', 'change', 'attempts', 'last error', 'next attempt', ''].map((name) => el('th', {}, name)))),
        el(
          'tbody',
          {},
          ...rows.map((row) =>
            el(
              'tr',
              { dataset: { id: row.id, state: row.state, reference: row.reference } },
              el('td', {}, row.notifier),
              el('td', { className: 'reference' }, row.provider + ' ' + row.reference),
              el('td', {}, (row.type === 'suspicious' ? 'suspicious: ' : '') + (row.from || 'new') + ' → ' + row.to, row.amount ? ' · ' + row.amount : ''),
              el('td', {}, row.attempts),
              el('td', { className: 'error-text' }, row.lastError || ''),
              el('td', {}, row.state === 'dead' ? 'dead-lettered' : time(row.nextAttemptAt)),
              el(
                'td',
                {},
                actionButton('Retry', async () => {
                  const { requeued } = await post('retry', { id: row.id })
                  setTimeout(loadOutbox, 300)
                  return requeued === 1 ? 'Retrying ' + row.reference : 'Nothing to retry'
                }, 'retry'),
              ),
            ),
          ),
        ),
      ),
    )
  }

  async function loadOutbox() {
    const { pending, dead } = await get('outbox')
    document.getElementById('retry-all').disabled = dead.length === 0
    replace('outbox', outboxTable(dead, 'Dead letters'), outboxTable(pending, 'Pending'))
  }

  // ---- health ----------------------------------------------------------------------------------

  function chart(window) {
    const count = window.series.applied.length
    const totals = Array.from({ length: count }, (_, i) => OUTCOMES.reduce((sum, outcome) => sum + window.series[outcome][i], 0))
    const max = Math.max(1, ...totals)
    const width = 240
    const height = 60
    const barWidth = width / count
    const root = svg('svg', { class: 'chart', viewBox: '0 0 ' + width + ' ' + height, preserveAspectRatio: 'none', role: 'img' })
    const title = svg('title', {})
    title.textContent = 'deliveries per ' + (window.bucketMs === 60000 ? 'minute' : '15 minutes') + ', peak ' + max
    root.append(title)
    for (let i = 0; i < count; i++) {
      let y = height
      for (const outcome of OUTCOMES) {
        const value = window.series[outcome][i]
        if (value === 0) continue
        const barHeight = (value / max) * (height - 2)
        y -= barHeight
        root.append(svg('rect', { class: 'bar-' + outcome, x: (i * barWidth).toFixed(2), y: y.toFixed(2), width: Math.max(barWidth - 0.5, 0.5).toFixed(2), height: barHeight.toFixed(2) }))
      }
    }
    return root
  }

  let lastHealth = []
  function renderHealth() {
    replace(
      'health',
      ...lastHealth.map((provider) => {
        const { total, rejected, rejectionRate } = provider.lastDay
        return el(
          'div',
          { className: 'card', dataset: { provider: provider.provider } },
          el('h3', {}, provider.provider),
          el(
            'dl',
            {},
            el('dt', {}, 'last delivery'),
            el('dd', {}, ago(provider.lastDeliveryAt)),
            el('dt', {}, 'last 24 h'),
            el('dd', {}, total + ' received, ' + rejected + ' rejected' + (rejectionRate === null ? '' : ' (' + Math.round(rejectionRate * 1000) / 10 + ' %)')),
          ),
          chart(provider[chartSpan]),
          el('div', { className: 'legend' }, ...OUTCOMES.map((outcome) => el('span', { className: outcome }, outcome + ' '))),
        )
      }),
    )
  }

  async function loadHealth() {
    lastHealth = (await get('health')).providers
    renderHealth()
  }

  // ---- start -----------------------------------------------------------------------------------

  function report(error) {
    toast(error.message)
  }

  async function start() {
    const boot = await get('bootstrap')
    csrf = boot.csrf
    statusApi = boot.statusApi
    stuckMinutes = Math.round(boot.stuckAfterMs / 60000)
    document.querySelector('#stuck-form input[name=minutes]').value = String(stuckMinutes)
    const signOut = document.getElementById('sign-out')
    signOut.hidden = !boot.signOut
    signOut.addEventListener('click', () => post('logout', {}).then(() => location.reload(), report))
    document.getElementById('search').addEventListener('submit', (event) => {
      event.preventDefault()
      search(new FormData(event.target).get('reference').trim()).catch(report)
    })
    document.getElementById('stuck-form').addEventListener('submit', (event) => {
      event.preventDefault()
      stuckMinutes = Number(new FormData(event.target).get('minutes')) || 0
      loadStuck().catch(report)
    })
    document.getElementById('retry-all').addEventListener('click', () =>
      post('retry', { all: true }).then(({ requeued }) => {
        toast('Retrying ' + requeued + ' dead letter' + (requeued === 1 ? '' : 's'))
        setTimeout(loadOutbox, 300)
      }, report),
    )
    for (const radio of document.querySelectorAll('input[name=span]')) {
      radio.addEventListener('change', () => {
        chartSpan = radio.value
        renderHealth()
      })
    }
    connectFeed()
    const { deliveries } = await get('deliveries')
    for (const delivery of deliveries) addToFeed(delivery, false)
    await Promise.all([loadHealth(), loadStuck(), loadOutbox()])
    setInterval(() => pollFeed().catch(() => {}), 10000)
    setInterval(() => {
      loadHealth().catch(() => {})
      loadOutbox().catch(() => {})
    }, 30000)
  }

  start().catch(report)
})()
