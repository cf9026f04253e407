/**
 * The widget page's browser script, kept as plain ES2020 text rather than a compiled function:
 * tsx/esbuild would inject helpers (`__name`) into `fn.toString()` output that do not exist in
 * the browser. The tests parse it with `new Function` to catch syntax errors without a browser.
 *
 * It only moves between screens and delivers the result; the server computes link, query and
 * message (see result.ts), so what a browser receives is exactly what node tests assert.
 */
export const WIDGET_SCRIPT = String.raw`
(function () {
  'use strict';
  var config = JSON.parse(document.getElementById('sandbox-config').textContent);
  // Framed means inline/overlay mode: post to the host, never navigate (the real widget does the same).
  var framed = window.parent !== window;
  var bank = config.bank;
  var busy = false;

  function screen(name) { return document.getElementById('screen-' + name); }

  function show(name) {
    ['banks', 'authorize', 'done', 'error'].forEach(function (other) {
      screen(other).hidden = other !== name;
    });
    // Move focus to the new screen's heading so keyboard and screen-reader users follow along;
    // never on autopilot, where no user is here and focus belongs to the host page under test.
    var heading = screen(name).querySelector('h1');
    if (heading && !config.autopilot) heading.focus();
  }

  function setBusy(on) {
    busy = on;
    // aria-disabled rather than disabled: disabling the focused button would drop focus to <body>.
    document.querySelectorAll('button').forEach(function (button) {
      if (on) button.setAttribute('aria-disabled', 'true'); else button.removeAttribute('aria-disabled');
    });
    document.getElementById('busy').textContent = on ? config.strings.working : '';
  }

  function chooseBank(id) {
    bank = config.banks.find(function (candidate) { return candidate.id === id; }) || null;
    document.getElementById('chosen-bank').textContent = bank ? bank.name : '';
    show('authorize');
  }

  function complete(outcome) {
    setBusy(true);
    fetch(config.completeUrl, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      credentials: 'omit',
      body: JSON.stringify({ token: config.token, outcome: outcome, bank: bank ? bank.id : undefined })
    })
      .then(function (response) {
        return response.json().catch(function () { return {}; }).then(function (body) {
          if (!response.ok) throw new Error((body.error && body.error.message) || 'HTTP ' + response.status);
          return body;
        });
      })
      .then(function (result) {
        var done = screen('done');
        done.setAttribute('data-outcome', outcome);
        document.getElementById('done-title').textContent = config.strings.done[outcome];
        if (framed) {
          window.parent.postMessage(result.message, result.target_origin);
          document.getElementById('done-text').textContent = config.strings.doneText;
          setBusy(false);
          show('done');
        } else {
          document.getElementById('done-text').textContent = config.strings.redirecting;
          setBusy(false);
          show('done');
          // replace: the spent widget page should not stay in the back history.
          window.location.replace(result.link);
        }
      })
      .catch(function (error) {
        document.getElementById('error-text').textContent = String(error && error.message || error);
        setBusy(false);
        show('error');
      });
  }

  document.addEventListener('click', function (event) {
    var button = event.target instanceof Element ? event.target.closest('button') : null;
    if (!button || busy) return;
    if (button.hasAttribute('data-bank')) chooseBank(button.getAttribute('data-bank'));
    else if (button.hasAttribute('data-outcome')) complete(button.getAttribute('data-outcome'));
  });

  // Take the first bank if asked to choose, then press the outcome's button, through the same click path a
  // user takes: what the autopilot and a test's completeFlow do.
  function press(outcome) {
    if (!screen('banks').hidden) chooseBank(config.banks[0].id);
    screen('authorize').querySelector('button[data-outcome="' + outcome + '"]').click();
  }

  // Wait for a test to complete this flow (completeFlow): the sandbox answers the long-poll with an outcome,
  // 204 to ask again, or { ended: true } once the flow has ended; that stops it, and so do any other answer and a
  // few failures in a row.
  function awaitCompletion(failures) {
    fetch(config.awaitUrl, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      credentials: 'omit',
      body: JSON.stringify({ token: config.token })
    })
      .then(function (response) {
        if (response.status === 204) return awaitCompletion(0);
        if (response.status !== 200) return undefined;
        return response.json().then(function (body) { if (body.outcome && !busy) press(body.outcome); });
      })
      .catch(function () {
        if (failures < 3) setTimeout(function () { awaitCompletion(failures + 1); }, 1000);
      });
  }

  if (config.autopilot) {
    setTimeout(function () { press(config.autopilot); }, config.autopilotDelay);
  } else {
    awaitCompletion(0);
  }
})();
`;
