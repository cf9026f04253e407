/**
 * The pages the benchmarks load, all on the host origin. Each one shows a single "connect" button and reports,
 * through `window.__bench` (see `harness`), when that button became visible, when the user acted, when the link
 * request and the widget page were requested, and when the widget became visible.
 */

interface PageContext {
  cdn: string;
  sandbox: string;
  query: URLSearchParams;
}

interface PageSpec {
  /** A JS expression: true once the button can be used. */
  ready: string;
  /** A JS expression: true while the widget's frame is visible. */
  visible: string;
  head?: string;
  body: string;
}

const nrichSelector = `document.querySelector('nrich-connect')`;
const nrichButton = `${nrichSelector}?.shadowRoot?.querySelector('button.connect')`;
const nrichFrame = `${nrichSelector}?.shadowRoot?.querySelector('iframe')`;
/** Rendered, sized and not hidden by visibility or opacity. */
const shown = (element: string) =>
  `!!(${element})?.checkVisibility({ opacityProperty: true, visibilityProperty: true })`;

/** The link request, as every page's own script would make it: same body the element sends. */
const linkRequest = `fetch('/api/widget-link', {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ redirect_uri: location.origin + location.pathname, language: 'en', state: crypto.randomUUID() }),
}).then((response) => response.json())`;

/**
 * Runs first on every page. Records, in the page's own clock (ms since navigation start):
 *   ready            first animation frame in which the button can be used
 *   act              `timeStamp` of the first touchstart / pointerdown / keydown after the driver armed it
 *   click            `timeStamp` of the click that act ends in
 *   links            start times of the link requests (resource timing)
 *   widget           start times of the widget page requests (resource timing; a frame's entry arrives at its load)
 *   visible          first animation frame after `act` in which the widget's frame is visible
 */
function harness(spec: PageSpec, sandbox: string): string {
  // A block, so the harness's names stay out of the page's global scope.
  return `<script>{
  window.__bench = { armed: false, links: [], widget: [] };
  const bench = window.__bench;
  const ready = () => ${spec.ready};
  const visible = () => ${spec.visible};
  (function poll() {
    if (ready()) bench.ready = performance.now();
    else requestAnimationFrame(poll);
  })();
  const watchVisible = () => {
    if (visible()) bench.visible = performance.now();
    else requestAnimationFrame(watchVisible);
  };
  // The click the act ends in (on release for pointers, at once for Enter): what shows a preloaded widget.
  addEventListener('click', (event) => {
    if (bench.act !== undefined && bench.click === undefined) bench.click = event.timeStamp;
  }, { capture: true });
  for (const type of ['touchstart', 'pointerdown', 'keydown']) {
    addEventListener(type, (event) => {
      if (!bench.armed || bench.act !== undefined) return;
      bench.act = event.timeStamp;
      requestAnimationFrame(watchVisible);
    }, { capture: true });
  }
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (entry.name.endsWith('/api/widget-link')) bench.links.push(entry.startTime);
      else if (entry.name.startsWith(${JSON.stringify(sandbox + '/widget')})) bench.widget.push(entry.startTime);
    }
  }).observe({ type: 'resource', buffered: true });
}</script>`;
}

function page(spec: PageSpec, context: PageContext, title: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
${harness(spec, context.sandbox)}
${spec.head ?? ''}
<style>
  body { font: 16px system-ui, sans-serif; margin: 2rem; }
  iframe.widget { position: fixed; inset: 5vh 5vw; width: 90vw; height: 90vh; border: 0; background: white; }
  dialog iframe.widget { position: static; width: 80vw; height: 80vh; }
</style>
</head>
<body>
<h1>${title}</h1>
${spec.body}
</body>
</html>`;
}

/** The physical limit: no library, the handler inlined in the page; the iframe goes in when the link arrives. */
function limit(context: PageContext): string {
  return page(
    {
      ready: `!!document.querySelector('#connect')?.offsetWidth`,
      visible: shown(`document.querySelector('iframe.widget')`),
      body: `<button id="connect" type="button">Connect your bank</button>
<script>
  document.querySelector('#connect').onclick = () =>
    ${linkRequest}.then((link) => {
      const frame = document.createElement('iframe');
      frame.className = 'widget';
      frame.title = 'Connect your bank';
      frame.src = link.location;
      document.body.append(frame);
    });
</script>`,
    },
    context,
    'Physical limit',
  );
}

/**
 * The physical limit of a preloaded widget: link and frame ready at page load, the click only shows it. `?modal`:
 * the frame waits in a closed `<dialog>` and the click calls `showModal()`, as a modal overlay must (focus moves into
 * it, the page goes inert): what a modal reveal costs the browser itself.
 */
function limitPreload(context: PageContext): string {
  const modal = context.query.has('modal');
  return page(
    {
      ready: `!!document.querySelector('#connect')?.offsetWidth`,
      visible: shown(`document.querySelector('iframe.widget')`),
      body: `<button id="connect" type="button">Connect your bank</button>
<dialog aria-label="Connect your bank"><button type="button">Close</button></dialog>
<script>
  const modal = ${modal};
  const dialog = document.querySelector('dialog');
  const frame = document.createElement('iframe');
  frame.className = 'widget';
  frame.title = 'Connect your bank';
  frame.hidden = !modal;
  ${linkRequest}.then((link) => {
    frame.src = link.location;
    (modal ? dialog : document.body).append(frame);
  });
  document.querySelector('#connect').onclick = () => (modal ? dialog.showModal() : (frame.hidden = false));
</script>`,
    },
    context,
    modal ? 'Physical limit, preloaded, modal' : 'Physical limit, preloaded',
  );
}

/**
 * One script round trip and nothing else: the button shows once a module from the CDN ran, loaded the way the
 * README's snippet loads the element (a module script in the head).
 */
function oneScript(context: PageContext): string {
  return page(
    {
      ready: `!!document.querySelector('#connect')?.offsetWidth`,
      visible: 'false',
      head: `<script type="module" src="${context.cdn}/bench/show-button.js"></script>`,
      body: `<button id="connect" type="button" hidden>Connect your bank</button>`,
    },
    context,
    'One script round trip',
  );
}

/** Mastercard Open Banking's connect-web-sdk from the CDN: the button works once the SDK is there. */
function mastercard(context: PageContext): string {
  return page(
    {
      ready: `!!document.querySelector('#connect')?.offsetWidth`,
      visible: shown(`document.querySelector('#finicityConnectIframe, iframe')`),
      body: `<button id="connect" type="button" hidden>Connect your bank</button>
<script type="module">
  import { Connect } from '${context.cdn}/connect-web-sdk/mastercard-connect-esm.min.js';
  const button = document.querySelector('#connect');
  button.onclick = () =>
    ${linkRequest}.then((link) =>
      Connect.launch(link.location, { onDone() {}, onCancel() {}, onError() {} }),
    );
  button.hidden = false;
</script>`,
    },
    context,
    "Mastercard's connect-web-sdk",
  );
}

/**
 * nrich-connect as the README's CDN snippet loads it. `?preload=<value>` adds the preload attribute;
 * `?mode=` sets the mode.
 */
function nrich(context: PageContext): string {
  const preload = context.query.get('preload');
  const attributes = [
    'endpoint="/api/widget-link"',
    'iban-field="hidden"',
    'language="en"',
    `mode="${escapeAttribute(context.query.get('mode') ?? 'overlay')}"`,
    ...(preload === null ? [] : [`preload="${escapeAttribute(preload)}"`]),
  ];
  return page(
    {
      ready: `!!${nrichButton}?.offsetWidth`,
      visible: shown(nrichFrame),
      head: `<script type="module" src="${context.cdn}/nrich-connect/nrich-connect.js"></script>`,
      body: `<nrich-connect ${attributes.join(' ')}>Connect your bank</nrich-connect>`,
    },
    context,
    'nrich-connect',
  );
}

/**
 * The leak bench's page: the element in `?mode=`, its events counted in `window.__events`, and every
 * BroadcastChannel counted while it is open (the constructor is wrapped before any other script runs).
 */
function leak(context: PageContext): string {
  return page(
    {
      ready: `!!${nrichButton}?.offsetWidth`,
      visible: shown(nrichFrame),
      head: `<script>
  const Native = BroadcastChannel;
  let open = 0;
  window.BroadcastChannel = class extends Native {
    #closed = false;
    constructor(name) { super(name); open += 1; }
    close() { if (!this.#closed) { this.#closed = true; open -= 1; } super.close(); }
  };
  window.__openChannels = () => open;
</script>
<script type="module" src="${context.cdn}/nrich-connect/nrich-connect.js"></script>`,
      body: `<nrich-connect endpoint="/api/widget-link" iban-field="hidden" language="en"
  mode="${escapeAttribute(context.query.get('mode') ?? 'overlay')}">Connect your bank</nrich-connect>
<script>
  window.__events = { open: 0, success: 0, abort: 0, error: 0 };
  for (const type of Object.keys(window.__events)) {
    document.querySelector('nrich-connect').addEventListener(type, () => (window.__events[type] += 1));
  }
</script>`,
    },
    context,
    'nrich-connect leak bench',
  );
}

/** The leak bench's control: the same open -> close flows with no library, a dialog and frame made by hand. */
function leakControl(context: PageContext): string {
  return page(
    {
      ready: `!!document.querySelector('#connect')?.offsetWidth`,
      visible: shown(`document.querySelector('dialog iframe')`),
      body: `<button id="connect" type="button">Connect your bank</button>
<script>
  window.__events = { open: 0, success: 0, abort: 0, error: 0 };
  window.__openChannels = () => 0;
  document.querySelector('#connect').onclick = () =>
    ${linkRequest}.then((link) => {
      const dialog = document.createElement('dialog');
      const close = document.createElement('button');
      close.textContent = 'Close';
      close.onclick = () => dialog.close();
      const frame = document.createElement('iframe');
      frame.title = 'Connect your bank';
      frame.src = link.location;
      dialog.append(close, frame); // showModal() focuses the close button: Escape reaches the dialog
      document.body.append(dialog);
      dialog.addEventListener('close', () => {
        dialog.remove();
        window.__events.abort += 1;
      });
      dialog.showModal();
      window.__events.open += 1;
    });
</script>`,
    },
    context,
    'Leak bench control: no library',
  );
}

function escapeAttribute(value: string): string {
  return value.replace(/[&"<>]/g, (char) => `&#${char.charCodeAt(0)};`);
}

export const pages: Record<string, (context: PageContext) => string> = {
  'limit.html': limit,
  'limit-preload.html': limitPreload,
  'one-script.html': oneScript,
  'mastercard.html': mastercard,
  'nrich.html': nrich,
  'leak.html': leak,
  'leak-control.html': leakControl,
};
